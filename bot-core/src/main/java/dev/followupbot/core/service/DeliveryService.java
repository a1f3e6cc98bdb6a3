package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.PriorDelivery;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Each entry is claimed and the claim committed before the platform is
 * called, so however many times and on however many nodes {@link #deliver} runs for an entry, the
 * platform is called once, unless the sender died mid-call. Such a send is resolved on recovery:
 * each post carries its dedupe key as an idempotency marker where the platform allows it, and the
 * platform is asked whether the message arrived; only when it cannot tell is the entry re-sent
 * once, marked as a possible repeat, logged and counted.
 *
 * <p>Posts to one conversation keep to the platform's pace ({@link Messenger#pacing()}) and to any
 * pause it asked for, on every node: an entry whose slot has not come is handed back, not sent.
 */
public final class DeliveryService {

  private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);
  static final String UNKNOWN_OUTCOME = "outcome unknown";

  private static final Duration RECORD_RETRY = Duration.ofSeconds(2);
  private static final int RECORD_TRIES = 60;

  /** How far before its claim a lost send is looked for, for clocks a little apart. */
  private static final Duration LOOK_BACK = Duration.ofMinutes(1);

  private final Transactions tx;
  private final Outbox outbox;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final Directory directory;
  private final Messengers messengers;
  private final DeliveryPolicy policy;
  private final CaseCards cards;
  private final Pacing pacing;
  private final Later later;
  private final CoreMetrics metrics;
  private final PlatformActivity activity;
  private final String node;
  private final Clock clock;

  public DeliveryService(
      Transactions tx,
      Outbox outbox,
      CaseRepository cases,
      ReminderRepository reminders,
      Directory directory,
      Messengers messengers,
      DeliveryPolicy policy,
      CaseCards cards,
      Pacing pacing,
      Later later,
      CoreMetrics metrics,
      PlatformActivity activity,
      String node,
      Clock clock) {
    this.cards = cards;
    this.tx = tx;
    this.outbox = outbox;
    this.cases = cases;
    this.reminders = reminders;
    this.directory = directory;
    this.messengers = messengers;
    this.policy = policy;
    this.pacing = pacing;
    this.later = later;
    this.metrics = metrics;
    this.activity = activity;
    this.node = node;
    this.clock = clock;
  }

  /** Delivers several entries, in order. */
  public void deliverAll(List<Long> ids) {
    for (Long id : ids) {
      deliver(id);
    }
  }

  /** Sends one entry if it is pending and due, and records the outcome. Never throws. */
  public void deliver(long id) {
    try {
      deliverOnce(id);
    } catch (RuntimeException e) {
      log.error("delivery of outbox entry id={} failed unexpectedly; it will be retried", id, e);
    }
  }

  /** Sends every pending entry whose time has come. Returns how many were attempted. */
  public int deliverDue(int limit) {
    List<Long> due = outbox.due(clock.instant(), messengers.platforms(), limit);
    deliverAll(due);
    return due.size();
  }

  /**
   * Resolves sends whose sender died mid-call: entries claimed before {@code before} (by {@code
   * claimedBy}, if given; a previous life of this process) and never finished. See {@link
   * #resolveUnknownOutcome}.
   */
  public int recoverUnfinished(Instant before, Optional<String> claimedBy, int limit) {
    List<Long> stuck = outbox.stuck(before, claimedBy, limit);
    int recovered = 0;
    for (Long id : stuck) {
      recovered += outbox.find(id).map(this::resolveUnknownOutcome).orElse(false) ? 1 : 0;
    }
    return recovered;
  }

  /**
   * Resolves sends claimed before {@code before} by nodes not in {@code live}: a cluster member
   * that stopped checking in died, and whatever it was sending is resolved by a survivor at once.
   */
  public int recoverFromDeadNodes(Set<String> live, Instant before, int limit) {
    int recovered = 0;
    for (Long id : outbox.stuck(before, Optional.empty(), limit)) {
      Optional<OutboxEntry> entry =
          outbox.find(id).filter(e -> e.claimedBy().filter(live::contains).isEmpty());
      recovered += entry.map(this::resolveUnknownOutcome).orElse(false) ? 1 : 0;
    }
    return recovered;
  }

  /**
   * A send whose outcome is unknown: asks the platform whether the message arrived (Slack finds it
   * by the idempotency marker it was posted with). Found: recorded as sent, not sent again. Absent:
   * sent again, once. The platform cannot tell: sent again once, marked as a possible repeat,
   * logged and counted ({@code followup_deliveries_possibly_duplicated_total}); never silently
   * dropped. A card refresh only edits a message in place and is simply done again. If the lookup
   * fails for now, the entry stays as it is for the next sweep. Returns whether the entry was
   * resolved.
   */
  private boolean resolveUnknownOutcome(OutboxEntry entry) {
    if (entry.state() != OutboxEntry.State.SENDING || entry.claimedAt().isEmpty()) {
      return false;
    }
    Instant claimedAt = entry.claimedAt().get();
    Instant now = clock.instant();
    Optional<Messenger> messenger = messengers.forPlatform(entry.tenant().platform());
    Optional<Destination> to = postedTo(entry);
    if (entry.kind() == OutboxEntry.Kind.CARD_REFRESH || messenger.isEmpty() || to.isEmpty()) {
      return outbox.handBack(entry.id(), claimedAt, now, "interrupted; doing it again");
    }
    PriorDelivery prior;
    try {
      prior =
          call(
              messenger.get(),
              "find",
              () ->
                  messenger
                      .get()
                      .findDelivered(to.get(), entry.dedupeKey(), claimedAt.minus(LOOK_BACK)));
    } catch (DeliveryFailure failure) {
      if (!failure.permanent()) {
        log.info(
            "could not yet tell whether interrupted outbox entry id={} arrived ({}); asking again later",
            entry.id(),
            failure.getMessage());
        return false;
      }
      log.info(
          "cannot look up interrupted outbox entry id={} ({})", entry.id(), failure.getMessage());
      prior = PriorDelivery.CANNOT_TELL;
    } catch (RuntimeException unexpected) {
      log.info("could not yet look up interrupted outbox entry id={}: {}", entry.id(), unexpected);
      return false;
    }
    if (prior instanceof PriorDelivery.Found found) {
      Instant done = clock.instant();
      tx.run(
          () -> {
            outbox.markSent(entry.id(), Optional.of(found.ref()), done);
            if (entry.kind() == OutboxEntry.Kind.CASE_CARD) {
              cases.saveCard(entry.tenant(), entry.caseId().orElseThrow(), found.ref());
            }
            entry
                .reminderId()
                .ifPresent(
                    rid -> markReminderDelivered(rid, entry.reminderOccurrence().orElse(0), done));
          });
      log.info(
          "outbox entry id={} key={} was being sent when its sender stopped; the platform has it,"
              + " so it is not sent again",
          entry.id(),
          entry.dedupeKey());
      return true;
    }
    if (prior instanceof PriorDelivery.Absent) {
      log.info(
          "outbox entry id={} key={} was being sent when its sender stopped and never arrived;"
              + " sending it now",
          entry.id(),
          entry.dedupeKey());
      return outbox.handBack(
          entry.id(), claimedAt, now, "interrupted and not found on the platform; sending again");
    }
    if (!outbox.handBack(
        entry.id(), claimedAt, now, UNKNOWN_OUTCOME + ": sender stopped mid-call")) {
      return false;
    }
    metrics.possiblyDuplicated(entry.tenant().platform());
    log.warn(
        "outbox entry id={} key={} tenant={} was being sent when its sender stopped and {} cannot"
            + " tell whether it arrived. Re-sending once, marked as a possible repeat.",
        entry.id(),
        entry.dedupeKey(),
        entry.tenant(),
        entry.tenant().platform().key());
    return true;
  }

  /** Where a message or a case card goes; a card refresh posts nothing. */
  private Optional<Destination> postedTo(OutboxEntry entry) {
    switch (entry.kind()) {
      case MESSAGE:
        return entry.destination();
      case CASE_CARD:
        return entry
            .caseId()
            .flatMap(id -> cases.findById(entry.tenant(), id))
            .map(c -> new Destination.Channel(c.tenant(), c.channelId()));
      case CARD_REFRESH:
      default:
        return Optional.empty();
    }
  }

  private void deliverOnce(long id) {
    Optional<OutboxEntry> found = outbox.find(id);
    if (found.isEmpty() || found.get().state() != OutboxEntry.State.PENDING) {
      return;
    }
    OutboxEntry entry = found.get();
    Optional<Messenger> messenger = messengers.forPlatform(entry.tenant().platform());
    if (messenger.isEmpty()) {
      return;
    }
    try (LogContext context =
        LogContext.with("tenant", entry.tenant().key())
            .and("case_id", entry.caseId())
            .and("reminder_id", entry.reminderId())) {
      deliverClaimed(id, entry, messenger.get());
    }
  }

  private void deliverClaimed(long id, OutboxEntry entry, Messenger messenger) {
    Instant now = clock.instant();
    if (!tx.inTransaction(() -> outbox.claim(id, node, now))) {
      return;
    }
    Optional<String> conversation = conversationOf(entry);
    Duration spacing = messenger.pacing();
    if (conversation.isPresent() && !spacing.isZero()) {
      Instant slot = pacing.slot(conversation.get(), spacing, now, entry.slotAt());
      if (slot.isAfter(now)) {
        tx.run(() -> outbox.postpone(id, slot));
        later.run(Duration.between(now, slot), () -> deliver(id));
        return;
      }
    }
    Optional<MessageRef> ref;
    try {
      ref = send(messenger, entry);
    } catch (DeliveryFailure failure) {
      onFailure(entry, conversation, failure);
      return;
    } catch (RuntimeException unexpected) {
      onFailure(
          entry, conversation, DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
      return;
    }
    // Sent: from here on a failure is our database's, and must never lead to sending again.
    recordSent(entry, ref, clock.instant(), 1);
  }

  /**
   * Records a send the platform accepted. If the database is away, tries again every {@link
   * #RECORD_RETRY} for a while; the entry stays claimed meanwhile, so nothing sends it again, and
   * if this process dies first, recovery finds the message on the platform.
   */
  private void recordSent(OutboxEntry entry, Optional<MessageRef> ref, Instant done, int tries) {
    try {
      tx.run(
          () -> {
            outbox.markSent(entry.id(), ref, done);
            entry
                .reminderId()
                .ifPresent(
                    rid -> markReminderDelivered(rid, entry.reminderOccurrence().orElse(0), done));
          });
      log.debug(
          "delivered outbox entry id={} key={} tenant={}",
          entry.id(),
          entry.dedupeKey(),
          entry.tenant());
    } catch (RuntimeException e) {
      if (tries >= RECORD_TRIES) {
        log.warn(
            "outbox entry id={} was sent but could not be recorded ({}); recovery will find it on"
                + " the platform",
            entry.id(),
            e.toString());
        return;
      }
      log.info(
          "outbox entry id={} was sent; recording it failed ({}), trying again in {} s",
          entry.id(),
          e.toString(),
          RECORD_RETRY.toSeconds());
      later.run(RECORD_RETRY, () -> recordSent(entry, ref, done, tries + 1));
    }
  }

  /** One platform call, counted by outcome; a success is remembered for /healthz. */
  private <T> T call(Messenger messenger, String operation, java.util.function.Supplier<T> work) {
    try {
      T result = work.get();
      metrics.platformCall(messenger.platform(), operation, CoreMetrics.OK);
      activity.succeeded(messenger.platform(), clock.instant());
      return result;
    } catch (DeliveryFailure failure) {
      String outcome =
          failure.retryAfter().isPresent()
              ? CoreMetrics.RATE_LIMITED
              : failure.permanent() ? CoreMetrics.PERMANENT : CoreMetrics.TRANSIENT;
      metrics.platformCall(messenger.platform(), operation, outcome);
      throw failure;
    } catch (RuntimeException unexpected) {
      metrics.platformCall(messenger.platform(), operation, CoreMetrics.TRANSIENT);
      throw unexpected;
    }
  }

  /**
   * The conversation a post goes to, for pacing: a person's direct chat or a channel. Card updates
   * edit a message in place and are not paced.
   */
  private Optional<String> conversationOf(OutboxEntry entry) {
    switch (entry.kind()) {
      case MESSAGE:
        return entry.destination().map(DeliveryService::conversationKey);
      case CASE_CARD:
        return entry
            .caseId()
            .flatMap(id -> cases.findById(entry.tenant(), id))
            .map(c -> conversationKey(new Destination.Channel(c.tenant(), c.channelId())));
      case CARD_REFRESH:
      default:
        return Optional.empty();
    }
  }

  static String conversationKey(Destination to) {
    return to.tenant().key()
        + (to instanceof Destination.Direct ? "|user:" : "|channel:")
        + to.target();
  }

  private Optional<MessageRef> send(Messenger messenger, OutboxEntry entry) {
    switch (entry.kind()) {
      case MESSAGE:
        Message message = entry.message().orElseThrow();
        if (entry.lastError().filter(e -> e.startsWith(UNKNOWN_OUTCOME)).isPresent()) {
          message = possibleRepeat(message);
        }
        Message toSend = message;
        return Optional.of(
            call(
                messenger,
                "post",
                () ->
                    messenger.post(entry.destination().orElseThrow(), toSend, entry.dedupeKey())));
      case CASE_CARD:
        return postCard(messenger, entry);
      case CARD_REFRESH:
      default:
        refreshCard(messenger, entry);
        return Optional.empty();
    }
  }

  private Optional<MessageRef> postCard(Messenger messenger, OutboxEntry entry) {
    Optional<SupportCase> found = cases.findById(entry.tenant(), entry.caseId().orElseThrow());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SupportCase c = found.get();
    if (c.card().isPresent()) {
      return c.card();
    }
    MessageRef ref =
        call(
            messenger,
            "post",
            () ->
                messenger.post(
                    new Destination.Channel(c.tenant(), c.channelId()),
                    card(c),
                    entry.dedupeKey()));
    tx.run(() -> cases.saveCard(c.tenant(), c.id(), ref));
    // The case may have changed while the card was on its way; make sure the card catches up.
    cases
        .findById(c.tenant(), c.id())
        .filter(now -> now.version() != c.version())
        .ifPresent(
            now -> {
              long refresh =
                  tx.inTransaction(
                      () ->
                          outbox.enqueue(
                              OutboxEntry.cardCatchUp(
                                  now.tenant(), now.id(), now.version(), clock.instant())));
              deliver(refresh);
            });
    return Optional.of(ref);
  }

  private void refreshCard(Messenger messenger, OutboxEntry entry) {
    Optional<SupportCase> found = cases.findById(entry.tenant(), entry.caseId().orElseThrow());
    if (found.isEmpty() || found.get().card().isEmpty()) {
      // Not posted yet: the pending post renders the case as it is when it goes out.
      return;
    }
    SupportCase c = found.get();
    call(
        messenger,
        "update",
        () -> {
          messenger.update(c.tenant(), c.card().get(), card(c));
          return null;
        });
  }

  private Message card(SupportCase c) {
    return cards.card(c);
  }

  private void markReminderDelivered(long reminderId, int occurrence, Instant now) {
    reminders
        .findById(reminderId)
        .filter(r -> r.status() == ReminderStatus.PENDING && r.occurrence() == occurrence)
        .ifPresent(
            r -> {
              if (reminders.update(r.delivered(now), ReminderStatus.PENDING, occurrence)) {
                Duration late = Duration.between(r.dueAt(), now);
                metrics.reminderDelivered(r.kind(), late);
                log.info(
                    "reminder delivered tenant={} reminder={} id={} to={} late_ms={}",
                    r.tenant(),
                    r.number(),
                    r.id(),
                    r.recipientId(),
                    Math.max(0, late.toMillis()));
              }
            });
  }

  private void onFailure(
      OutboxEntry entry, Optional<String> conversation, DeliveryFailure failure) {
    Instant now = clock.instant();
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    boolean givingUp = Duration.between(entry.createdAt(), now).compareTo(policy.giveUpAfter()) > 0;
    if (failure.permanent() || givingUp) {
      log.warn(
          "giving up on outbox entry id={} key={} tenant={} after {} attempt(s): {}",
          entry.id(),
          entry.dedupeKey(),
          entry.tenant(),
          entry.attempts() + 1,
          reason);
      List<Long> notices =
          tx.inTransaction(
              () -> {
                outbox.markFailed(entry.id(), reason, now);
                return entry
                    .reminderId()
                    .map(rid -> reminderFailed(rid, entry, reason, now))
                    .orElse(List.of());
              });
      deliverAll(notices);
      return;
    }
    Duration wait = policy.backoff(entry.attempts() + 1, ThreadLocalRandom.current().nextDouble());
    if (failure.retryAfter().isPresent()) {
      Instant pauseEnds = now.plus(failure.retryAfter().get());
      // Every post to this conversation waits, on every node, not only this one.
      conversation.ifPresent(c -> pacing.holdUntil(c, pauseEnds));
      if (failure.retryAfter().get().compareTo(wait) > 0) {
        wait = failure.retryAfter().get();
      }
    }
    Instant next = now.plus(wait);
    metrics.retry(entry.tenant().platform().key());
    log.info(
        "delivery of outbox entry id={} tenant={} failed ({}); retrying in {} ms",
        entry.id(),
        entry.tenant(),
        reason,
        wait.toMillis());
    tx.run(() -> outbox.retryAt(entry.id(), next, reason));
    later.run(wait, () -> deliver(entry.id()));
  }

  /** Records the failure on the reminder and, if someone else set it, tells them. */
  private List<Long> reminderFailed(
      long reminderId, OutboxEntry entry, String reason, Instant now) {
    Optional<Reminder> found = reminders.findById(reminderId);
    if (found.isEmpty() || found.get().occurrence() != entry.reminderOccurrence().orElse(-1)) {
      return List.of();
    }
    Reminder r = found.get();
    if (reminders.update(r.failed(reason, now), r.status(), r.occurrence())) {
      metrics.reminderFailed(r.kind());
      log.warn(
          "reminder failed tenant={} reminder={} id={} to={}: {}",
          r.tenant(),
          r.number(),
          r.id(),
          r.recipientId(),
          reason);
    }
    if (r.creatorId().equals(r.recipientId())) {
      return List.of();
    }
    String recipient = directory.name(r.tenant(), r.recipientId());
    String text =
        "I couldn't deliver reminder "
            + r.number()
            + " to "
            + recipient
            + ": "
            + reason
            + ". Check that they can receive messages from me (for Teams, that the app is installed for them).";
    return List.of(
        outbox.enqueue(
            OutboxEntry.message(
                "reminder:" + r.id() + ":" + r.occurrence() + ":failed",
                new Destination.Direct(new UserRef(r.tenant(), r.creatorId())),
                Message.text(text),
                r.caseId(),
                now)));
  }

  private static Message possibleRepeat(Message original) {
    Message.Builder b = Message.builder(original.fallbackText());
    original.blocks().forEach(b::add);
    b.add(
        new Block.Context(
            "You may have received this already; I was interrupted while sending it. Sorry if it's a repeat."));
    return b.build();
  }
}
