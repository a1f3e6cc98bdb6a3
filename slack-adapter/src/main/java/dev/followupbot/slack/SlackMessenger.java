package dev.followupbot.slack;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Addresses;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.PriorDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the core's messages to one Slack workspace: direct messages through the bot's DM channel
 * with the person (opened once with conversations.open, then remembered in {@link Addresses} so
 * every node and every restart reuses it), channel posts with chat.postMessage, and in-place
 * changes with chat.update. Every post carries its delivery key in Slack message metadata, so a
 * send interrupted by a crash can be looked up in the conversation's history instead of repeated.
 * One attempt per call; the core retries, backs off and paces. A message for any other workspace is
 * refused as a permanent failure: this token speaks for one team only.
 */
public final class SlackMessenger implements Messenger {

  /** Slack allows about one message per second per channel. */
  public static final Duration PACING = Duration.ofSeconds(1);

  static final String DM_KEY = "slack-dm:";

  private final SlackWebApi api;
  private final SlackThreads threads;
  private final TenantId tenant;
  private final Addresses addresses;
  private final BlockKitRenderer renderer;
  private final Map<String, String> dmChannels = new ConcurrentHashMap<>();

  SlackMessenger(SlackWebApi api, TenantId tenant, Addresses addresses, BlockKitRenderer renderer) {
    this.api = api;
    this.threads = api.threads();
    this.tenant = tenant;
    this.addresses = addresses;
    this.renderer = renderer;
  }

  @Override
  public Platform platform() {
    return Platform.SLACK;
  }

  @Override
  public MessageRef post(Destination to, Message message) {
    ours(to.tenant());
    return api.postMessage(
        channelOf(to), threadOf(to), broadcasts(to), renderer.message(message), null);
  }

  /**
   * Posts with the delivery key in the message's metadata (event type {@code followup_delivery}).
   */
  @Override
  public MessageRef post(Destination to, Message message, String deliveryKey) {
    ours(to.tenant());
    return api.postMessage(
        channelOf(to), threadOf(to), broadcasts(to), renderer.message(message), deliveryKey);
  }

  /**
   * Looks for the message in the conversation's history by its metadata. Needs the history scopes
   * ({@code channels:history}, {@code groups:history}, {@code im:history}); without them Slack
   * refuses and the core re-sends once, marked as a possible repeat.
   */
  @Override
  public PriorDelivery findDelivered(Destination to, String deliveryKey, Instant since) {
    ours(to.tenant());
    String thread = threadOf(to);
    return (thread == null
            ? api.findDelivery(channelOf(to), deliveryKey, since)
            : threads.findReply(channelOf(to), thread, deliveryKey, since))
        .<PriorDelivery>map(PriorDelivery.Found::new)
        .orElse(PriorDelivery.ABSENT);
  }

  /** The thread a channel post replies in (a case's thread), or null for a top-level post. */
  private static String threadOf(Destination to) {
    return to instanceof Destination.Channel channel ? channel.thread().orElse(null) : null;
  }

  private static boolean broadcasts(Destination to) {
    return to instanceof Destination.Channel channel && channel.broadcast();
  }

  private String channelOf(Destination to) {
    if (to instanceof Destination.Direct direct) {
      return dmChannel(direct.user().userId());
    }
    return ((Destination.Channel) to).channelId();
  }

  @Override
  public void update(TenantId tenant, MessageRef which, Message replacement) {
    ours(tenant);
    api.update(which, renderer.message(replacement));
  }

  @Override
  public Duration pacing() {
    return PACING;
  }

  /**
   * The DM channel with the person: remembered, or opened now and remembered. Slack never changes a
   * person's DM channel with the bot, so once known it is kept in memory too (one entry per person
   * the bot wrote to) and a send does not read it from the database again.
   */
  String dmChannel(String userId) {
    String cached = dmChannels.get(userId);
    if (cached != null) {
      return cached;
    }
    Optional<String> known = addresses.find(tenant, DM_KEY + userId);
    String channel;
    if (known.isPresent()) {
      channel = known.get();
    } else {
      channel = api.openDm(userId);
      addresses.save(tenant, DM_KEY + userId, channel);
    }
    dmChannels.put(userId, channel);
    return channel;
  }

  private void ours(TenantId requested) {
    if (!tenant.equals(requested)) {
      throw DeliveryFailure.permanentFailure(
          "this Slack token belongs to "
              + tenant
              + ", not "
              + requested
              + "; the message was not sent",
          null);
    }
  }
}
