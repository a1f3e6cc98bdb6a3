package dev.followupbot.core.api;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.SeenEvents;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.CaseForm;
import dev.followupbot.core.service.ChannelPost;
import dev.followupbot.core.service.ChannelReaction;
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.ConversationIntake;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.IntakeOutcome;
import dev.followupbot.core.service.MessageReminder;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.Reply;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way in for every chat platform. Each turn passes, in order:
 *
 * <ol>
 *   <li>the tenant guard: a tenant we do not serve gets the refusal, and nothing is stored;
 *   <li>dedupe: an event the platform delivers again (a retry, or to another node) has no second
 *       effect, since its key is recorded in the database first;
 *   <li>the people: the sender and everyone the platform named, with their names and zones;
 *   <li>the route: the command runs as the sender;
 *   <li>delivery: what the command queued goes out after the acknowledgement, on the platform's
 *       executor, between the platform's answers.
 * </ol>
 *
 * A platform adapter translates its payloads into a {@link Turn} and renders what comes back.
 */
public final class InboundTurns {

  private static final Logger log = LoggerFactory.getLogger(InboundTurns.class);

  private final TenantGuard guard;
  private final Executor afterAck;
  private final SeenEvents seen;
  private final Directory directory;
  private final CommandRouter router;
  private final ConversationIntake conversations;
  private final ReminderService reminders;
  private final DeliveryService delivery;
  private final Clock clock;

  public InboundTurns(
      TenantGuard guard,
      Executor afterAck,
      SeenEvents seen,
      Directory directory,
      CommandRouter router,
      ConversationIntake conversations,
      ReminderService reminders,
      DeliveryService delivery,
      Clock clock) {
    this.guard = guard;
    this.afterAck = afterAck;
    this.seen = seen;
    this.directory = directory;
    this.router = router;
    this.conversations = conversations;
    this.reminders = reminders;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** Runs {@code turn} as {@code speaker}, showing the reply with {@code answer}. */
  public Handled take(Turn turn, Speaker speaker, Answer answer) {
    Optional<TenantId> tenant = guard.admit(turn.platformTenant());
    if (tenant.isEmpty()) {
      return new Handled.NotServed(guard.refusal());
    }
    if (turn.event().isPresent() && !firstTime(turn.event().get())) {
      log.info(
          "ignored a repeat of {} event {}",
          turn.event().get().platform(),
          turn.event().get().id());
      return new Handled.Repeat();
    }
    rememberMentioned(tenant.get(), turn);
    Caller caller = speaker.caller(tenant.get());
    Reply reply = router.handle(caller, turn.command().isBlank() ? "help" : turn.command());
    answer.inline(reply);
    afterAck.execute(
        () -> {
          answer.beforeDeliveries(reply);
          if (!reply.deliveries().isEmpty()) {
            delivery.deliverAll(reply.deliveries());
          }
          answer.afterDeliveries(reply);
        });
    return new Handled.Routed(reply);
  }

  /**
   * A message posted in a channel, through the same stages: the guard, dedupe by the message's own
   * key (so a retry, or the copy another node got, has no second effect), the author, the
   * conversation rules in place of the command, and delivery of what they queued after the
   * acknowledgement.
   */
  public Handled post(String platformTenant, EventKey key, Speaker author, ChannelPost post) {
    return hear(
        platformTenant, key, author, caller -> conversations.post(caller, post), post.channelId());
  }

  /**
   * A reaction, through the same stages; {@code root} reads the reacted-to message (its thread
   * root) when a case must be opened from it.
   */
  public Handled react(
      String platformTenant,
      EventKey key,
      Speaker reactor,
      ChannelReaction reaction,
      java.util.function.Function<TenantId, Optional<ConversationIntake.Opening>> root) {
    return hear(
        platformTenant,
        key,
        reactor,
        caller -> conversations.react(caller, reaction, () -> root.apply(caller.tenant())),
        reaction.channelId());
  }

  /**
   * A team member's form to open a case from a message (Slack's modal, Teams' dialog), through the
   * same stages; {@code requester} is the message's author.
   */
  public Handled openFrom(
      String platformTenant,
      EventKey key,
      Speaker member,
      ChannelPost root,
      java.util.function.Function<TenantId, Caller> requester,
      CaseForm form) {
    return hear(
        platformTenant,
        key,
        member,
        caller ->
            conversations.forms().openFrom(caller, root, requester.apply(caller.tenant()), form),
        root.channelId());
  }

  /** A team member's new-case form for a channel, about no message, through the same stages. */
  public Handled openForm(
      String platformTenant, EventKey key, Speaker member, String channelId, CaseForm form) {
    return hear(
        platformTenant,
        key,
        member,
        caller -> conversations.forms().openForm(caller, channelId, form),
        channelId);
  }

  /**
   * A person's form to be reminded about a message (Slack's "Remind me about this"), through the
   * same stages: the guard, dedupe by {@code key} (the form's own id, so a repeated submission sets
   * one reminder), the person, and the reminder, set for them; its answer is the confirmation. The
   * platform shows the form's problems before calling this; a request that has some still sets
   * nothing.
   */
  public Handled remindAbout(
      String platformTenant, EventKey key, Speaker member, MessageReminder request) {
    Optional<TenantId> tenant = guard.admit(platformTenant);
    if (tenant.isEmpty()) {
      return new Handled.NotServed(guard.refusal());
    }
    if (!firstTime(key)) {
      log.info("ignored a repeat of {} event {}", key.platform(), key.id());
      return new Handled.Repeat();
    }
    Reply reply = reminders.remindAbout(member.caller(tenant.get()), request);
    log.info(
        "{} event {} in {}: reminder asked for", key.platform(), key.id(), request.channelId());
    if (!reply.deliveries().isEmpty()) {
      afterAck.execute(() -> delivery.deliverAll(reply.deliveries()));
    }
    return new Handled.Routed(reply);
  }

  private Handled hear(
      String platformTenant,
      EventKey key,
      Speaker speaker,
      java.util.function.Function<Caller, IntakeOutcome> rules,
      String channelId) {
    Optional<TenantId> tenant = guard.admit(platformTenant);
    if (tenant.isEmpty()) {
      return new Handled.NotServed(guard.refusal());
    }
    if (!firstTime(key)) {
      log.info("ignored a repeat of {} event {}", key.platform(), key.id());
      return new Handled.Repeat();
    }
    IntakeOutcome outcome = rules.apply(speaker.caller(tenant.get()));
    if (outcome instanceof IntakeOutcome.Ignored ignored) {
      log.debug(
          "{} event {} in {} changed nothing: {}",
          key.platform(),
          key.id(),
          channelId,
          ignored.why());
    } else {
      log.info(
          "{} event {} in {}: {}",
          key.platform(),
          key.id(),
          channelId,
          outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }
    if (!outcome.deliveries().isEmpty()) {
      afterAck.execute(() -> delivery.deliverAll(outcome.deliveries()));
    }
    return new Handled.Heard(outcome);
  }

  /**
   * The guard and dedupe stages alone, for events that are not commands (a Home tab opened, the app
   * installed): the tenant, if it is served and the event is new.
   */
  public Optional<TenantId> admit(String platformTenant, Optional<EventKey> event) {
    Optional<TenantId> tenant = guard.admit(platformTenant);
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    if (event.isPresent() && !firstTime(event.get())) {
      log.info("ignored a repeat of {} event {}", event.get().platform(), event.get().id());
      return Optional.empty();
    }
    return tenant;
  }

  /**
   * Records {@code key} and says whether it is new; a platform also uses it for what must not be
   * accepted twice (a signed request replayed).
   */
  public boolean firstTime(EventKey key) {
    return seen.firstTime(key.stored(), clock.instant());
  }

  /** Mentioned people are remembered by the name the platform gave; a zone we know is kept. */
  private void rememberMentioned(TenantId tenant, Turn turn) {
    for (Turn.Mention m : turn.mentioned()) {
      Person known = directory.person(tenant, m.userId());
      if (!known.displayName().equals(m.displayName())) {
        directory.remember(new Person(tenant, m.userId(), m.displayName(), known.zone()));
      }
    }
  }
}
