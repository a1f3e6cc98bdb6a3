package dev.followupbot.core.testing;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.PriorDelivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a chat platform: records what was posted and updated, and fails on request. It
 * plays the platform's part (outside the project), not one of our classes.
 */
public final class RecordingMessenger implements Messenger {

  /** One post the "platform" accepted. */
  public record Post(Destination to, Message message, MessageRef ref) {}

  /** One in-place update the "platform" accepted. */
  public record Update(TenantId tenant, MessageRef ref, Message message) {}

  private final Platform platform;
  private final List<Post> posts = new ArrayList<>();
  private final List<Update> updates = new ArrayList<>();
  private final Deque<DeliveryFailure> failures = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final java.util.Set<String> unreachable = new java.util.HashSet<>();
  private final java.util.Map<String, MessageRef> keys = new java.util.HashMap<>();
  private final java.util.Map<String, String> directChats = new java.util.HashMap<>();
  private boolean lookups;
  private int unanswered;
  private volatile java.time.Duration pacing = java.time.Duration.ZERO;
  private java.util.function.Consumer<Post> whilePosting = post -> {};

  public RecordingMessenger(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public synchronized MessageRef post(Destination to, Message message) {
    DeliveryFailure failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    MessageRef ref = new MessageRef(to.target(), "m" + ids.incrementAndGet());
    Post post = new Post(to, message, ref);
    posts.add(post);
    whilePosting.accept(post);
    return ref;
  }

  /**
   * Runs {@code action} during every accepted post, before the platform answers: a slow platform
   * moves the clock, for instance, or something else happens meanwhile.
   */
  public synchronized void whilePosting(java.util.function.Consumer<Post> action) {
    this.whilePosting = action;
  }

  /** Posts and remembers the delivery key, as Slack does in a message's metadata. */
  @Override
  public synchronized MessageRef post(Destination to, Message message, String deliveryKey) {
    MessageRef ref = post(to, message);
    keys.put(deliveryKey, ref);
    if (unanswered > 0) {
      unanswered--;
      throw DeliveryFailure.outcomeUnknown("chat.postMessage timed out: read timed out", null);
    }
    return ref;
  }

  /**
   * The next {@code n} posts are accepted, and kept with their delivery keys, but their answers
   * never come: the caller gets a timeout with an unknown outcome, as after a read timeout.
   */
  public synchronized void acceptWithoutAnswer(int n) {
    unanswered = n;
  }

  /**
   * Like Slack once {@link #lookUpDeliveries} is on: finds a post by its delivery key. Otherwise,
   * like Teams, cannot tell.
   */
  @Override
  public synchronized PriorDelivery findDelivered(
      Destination to, String deliveryKey, java.time.Instant since) {
    if (!lookups) {
      return PriorDelivery.CANNOT_TELL;
    }
    MessageRef ref = keys.get(deliveryKey);
    return ref == null ? PriorDelivery.ABSENT : new PriorDelivery.Found(ref);
  }

  /** From now on {@link #findDelivered} looks posts up by their delivery key. */
  public synchronized void lookUpDeliveries() {
    lookups = true;
  }

  @Override
  public synchronized void update(TenantId tenant, MessageRef which, Message replacement) {
    DeliveryFailure failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    updates.add(new Update(tenant, which, replacement));
  }

  @Override
  public java.time.Duration pacing() {
    return pacing;
  }

  @Override
  public synchronized boolean canReach(dev.followupbot.core.domain.UserRef user) {
    return !unreachable.contains(user.userId());
  }

  @Override
  public synchronized java.util.Optional<String> soleReader(TenantId tenant, String channelId) {
    return java.util.Optional.ofNullable(directChats.get(channelId));
  }

  /**
   * Like a Teams personal chat: {@code channelId} is a direct chat between the bot and one user.
   */
  public synchronized void directChat(String channelId, String userId) {
    directChats.put(channelId, userId);
  }

  /** Like Slack, allows one post per conversation per {@code spacing}. */
  public void pace(java.time.Duration spacing) {
    this.pacing = spacing;
  }

  /** Like Teams for someone without the app: this person cannot be messaged. */
  public synchronized void cannotReach(String userId) {
    unreachable.add(userId);
  }

  /** The next calls fail with these, in order. */
  public synchronized void failNext(DeliveryFailure... next) {
    failures.addAll(List.of(next));
  }

  public synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  public synchronized List<Update> updates() {
    return List.copyOf(updates);
  }

  /** Posts sent directly to one user. */
  public synchronized List<Post> directTo(String userId) {
    return posts.stream()
        .filter(p -> p.to() instanceof Destination.Direct d && d.user().userId().equals(userId))
        .toList();
  }

  /** Posts made in one channel. */
  public synchronized List<Post> inChannel(String channelId) {
    return posts.stream()
        .filter(p -> p.to() instanceof Destination.Channel c && c.channelId().equals(channelId))
        .toList();
  }

  public synchronized void clear() {
    posts.clear();
    updates.clear();
  }
}
