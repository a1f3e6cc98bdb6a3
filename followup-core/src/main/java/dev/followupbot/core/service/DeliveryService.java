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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Each entry is claimed and the claim committed before the platform is
 * called, so however many times and on however many nodes {@link #deliver} runs for an entry, the
 * platform is called once, unless the sender died mid-call. Such a send is resolved on recovery:
 * each post carries its dedupe key as an idempotency marker where the platform allows it, and the
 * platform is asked whether the message arrived; only when it cannot tell is the entry re-sent
 * once, marked as a possible repeat, logged and counted. A post the platform never answered while
 * this process lived (a timeout after the request went out) is treated the same way: its next
 * attempt looks it up first, and sends only if it is not there.
 *
 * <p>Posts to one conversation keep to the platform's pace ({@link Messenger#pacing()}) and to any
 * pause it asked for, on every node: an entry whose slot has not come is handed back, not sent.
 */
public final class DeliveryService {

  private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);
  static final String UNKNOWN_OUTCOME = "outcome unknown";

  /**
   * The mark of an entry whose last post went out but was never answered (a timeout, a connection
   * cut mid-answer), followed by when: its next attempt looks it up on the platform first.
   */
  static final String NO_ANSWER = "no answer since ";

  /**
   * How far before the unanswered attempt failed its post is looked for: the call itself (Slack's
   * client gives up after 15 s) and clocks a little apart.
   */
  private static final Duration NO_ANSWER_LOOK_BACK = Duration.ofMinutes(2);

  private static final Duration RECORD_RETRY = Duration.ofSeconds(2);
  private static final int RECORD_TRIES = 60;

  /** How far before its claim a lost send is looked for, for clocks a little apart. */
  private static final Duration LOOK_BACK = Duration.ofMinutes(1);

  /** How much later than its slot an entry may go so that it shares a drain with others. */
  private static final Duration DRAIN_SLACK = Duration.ofMillis(20);

  private static final int DRAIN_BATCH = 500;
  private static final int DRAIN_ROUNDS = 20;
  private static final String DRAIN = "outbox-drain";

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
  private final ConcurrentSkipListSet<Instant> drains = new ConcurrentSkipListSet<>();

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

  /**
   * Delivers the entries that are pending and due, in the order given, and records the outcomes.
   * Messages go in batches with a few transactions for the whole batch rather than a few each: one
   * claims the entries and takes their conversations' sending slots, the posts go out side by side
   * (each conversation's in order), and one records what was sent. An entry whose slot is later is
   * handed back and sent when the slot comes. Case cards and card refreshes, which do more than
   * post, go one at a time. Never throws.
   */
  public void deliverAll(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      Map<Long, OutboxEntry> found = new HashMap<>();
      outbox.findAll(ids).forEach(e -> found.put(e.id(), e));
      List<OutboxEntry> messages = new ArrayList<>();
      for (Long id : ids) {
        if (Thread.currentThread().isInterrupted()) {
          // Shutting down: what is left stays pending, and the next start or another node sends it.
          log.info(
              "delivery stopped for shutdown; the rest of this batch is sent after the restart");
          return;
        }
        OutboxEntry entry = found.remove(id);
        if (entry == null
            || entry.state() != OutboxEntry.State.PENDING
            || messengers.forPlatform(entry.tenant().platform()).isEmpty()) {
          continue;
        }
        if (entry.kind() == OutboxEntry.Kind.MESSAGE) {
          messages.add(entry);
          continue;
        }
        deliverMessages(messages);
        messages.clear();
        deliverOne(entry, messengers.forPlatform(entry.tenant().platform()).get());
      }
      deliverMessages(messages);
    } catch (RuntimeException e) {
      log.error(
          "delivery of {} outbox entr{} (first id={}) failed unexpectedly; retried by the sweep",
          ids.size(),
          ids.size() == 1 ? "y" : "ies",
          ids.get(0),
          e);
    }
  }

  /** Sends one entry if it is pending and due, and records the outcome. Never throws. */
  public void deliver(long id) {
    deliverAll(List.of(id));
  }

  /**
   * Has every pending entry whose time has come sent shortly, off the caller's thread, in batches.
   * However many callers ask at once, one drain at a time does it.
   */
  public void deliverDueSoon() {
    later.soon(DRAIN, this::drainDue);
  }

  /** Sends pending entries whose time has come, oldest first. Returns how many were attempted. */
  public int deliverDue(int limit) {
    List<Long> due = outbox.due(clock.instant(), messengers.platforms(), limit);
    deliverAll(due);
    return due.size();
  }

  /**
   * Settles sends whose sender is gone: entries claimed before {@code before} (by {@code
   * claimedBy}, if given) and never finished. See {@link #resolveUnknownOutcome}. Returns how many
   * were settled; one the platform cannot be asked about yet stays for the next call.
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
    // An entry whose earlier post went unanswered may have arrived then, before this claim.
    Instant since =
        unansweredSince(entry)
            .map(t -> t.minus(NO_ANSWER_LOOK_BACK))
            .filter(t -> t.isBefore(claimedAt.minus(LOOK_BACK)))
            .orElse(claimedAt.minus(LOOK_BACK));
    PriorDelivery prior;
    try {
      prior =
          call(
              messenger.get(),
              "find",
              () -> messenger.get().findDelivered(to.get(), entry.dedupeKey(), since));
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
      if (entry.kind() == OutboxEntry.Kind.CASE_CARD) {
        catchUpRecoveredCard(entry);
      }
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

  /**
   * A card found on the platform after its post was cut off shows the case as it was then, and a
   * change made since found no card to update (a claim while the bot was restarting): it is brought
   * up to date in place, once. The card now has its address, so no second card is posted.
   */
  private void catchUpRecoveredCard(OutboxEntry entry) {
    cases
        .findById(entry.tenant(), entry.caseId().orElseThrow())
        .ifPresent(
            c -> {
              long refresh =
                  tx.inTransaction(
                      () ->
                          outbox.enqueue(
                              OutboxEntry.cardRefreshFor(
                                  c.tenant(),
                                  c.id(),
                                  "v" + c.version() + ":recovered",
                                  clock.instant())));
              deliver(refresh);
            });
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

  /**
   * A message the platform accepted by {@code at}, to be recorded; {@code paced} is its
   * conversation if posts there keep a spacing.
   */
  private record Sent(
      OutboxEntry entry, Optional<MessageRef> ref, Instant at, Optional<String> paced) {}

  private Sent sent(OutboxEntry entry, Optional<MessageRef> ref, Messenger messenger) {
    Optional<String> paced =
        messenger.pacing().isZero() || ref.isEmpty() ? Optional.empty() : conversationOf(entry);
    return new Sent(entry, ref, clock.instant(), paced);
  }

  /** What one claiming transaction left to send: per conversation, in order. */
  private record Claimed(List<List<OutboxEntry>> conversations, Set<Instant> slotsLater) {}

  private void deliverMessages(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // Stored to the microsecond, so that a hand-back can match the claim exactly.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Claimed claimed = tx.inTransaction(() -> claim(entries, now));
    claimed.slotsLater().forEach(this::drainAt);
    Batch batch = new Batch(now, now.plus(policy.presumedDeadAfter().dividedBy(2)));
    List<Runnable> conversations = new ArrayList<>();
    for (List<OutboxEntry> conversation : claimed.conversations()) {
      conversations.add(() -> sendInOrder(conversation, batch));
    }
    later.runAll(conversations);
    if (!batch.sent.isEmpty()) {
      recordSent(List.copyOf(batch.sent), 1);
    }
    if (batch.handedBack.get() > 0) {
      log.info(
          "{} outbox entr{} not sent within {} s of being claimed went back to the queue",
          batch.handedBack.get(),
          batch.handedBack.get() == 1 ? "y" : "ies",
          Duration.between(batch.claimedAt, batch.sendBy).toSeconds());
      deliverDueSoon();
    }
  }

  /**
   * A claimed batch being sent. Its entries must start going out by {@code sendBy}, half the time
   * after which the sweep presumes a claim's sender dead: the sweep would otherwise take an entry
   * this batch has not reached yet (a slow platform, a large batch) and send it too.
   */
  private static final class Batch {
    final Instant claimedAt;
    final Instant sendBy;
    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger handedBack = new AtomicInteger();

    Batch(Instant claimedAt, Instant sendBy) {
      this.claimedAt = claimedAt;
      this.sendBy = sendBy;
    }
  }

  /**
   * Claims the entries (skipping any another sender is claiming) and takes sending slots for those
   * that are paced; an entry whose slot is later is handed back until then. Every entry is claimed
   * before any slot is taken, and slots are taken in conversation order, so that transactions with
   * overlapping batches, on any node, lock rows in the same order and never wait in a circle.
   */
  private Claimed claim(List<OutboxEntry> entries, Instant now) {
    Map<String, List<OutboxEntry>> byConversation = new TreeMap<>();
    List<List<OutboxEntry>> conversations = new ArrayList<>();
    Set<Long> claimed =
        Set.copyOf(outbox.claimAll(entries.stream().map(OutboxEntry::id).toList(), node, now));
    List<OutboxEntry> byId = new ArrayList<>(entries);
    byId.sort(Comparator.comparingLong(OutboxEntry::id));
    for (OutboxEntry entry : byId) {
      if (!claimed.contains(entry.id())) {
        continue;
      }
      conversationOf(entry)
          .ifPresentOrElse(
              c -> byConversation.computeIfAbsent(c, key -> new ArrayList<>()).add(entry),
              () -> conversations.add(List.of(entry)));
    }
    Set<Instant> slotsLater = new TreeSet<>();
    for (Map.Entry<String, List<OutboxEntry>> conversation : byConversation.entrySet()) {
      List<OutboxEntry> ready = new ArrayList<>();
      for (OutboxEntry entry : conversation.getValue()) {
        Duration spacing = messengerOf(entry).pacing();
        Instant slot =
            spacing.isZero()
                ? now
                : pacing.slot(conversation.getKey(), spacing, now, entry.slotAt());
        if (slot.isAfter(now)) {
          outbox.postpone(entry.id(), slot);
          slotsLater.add(slot);
        } else {
          ready.add(entry);
          if (!spacing.isZero()) {
            // Goes now: the next one, in this batch or another, keeps the spacing from it.
            pacing.sent(conversation.getKey(), now);
          }
        }
      }
      if (!ready.isEmpty()) {
        conversations.add(ready);
      }
    }
    return new Claimed(conversations, slotsLater);
  }

  /**
   * Sends one conversation's claimed entries in order (a paced conversation has one at most: the
   * claim gave the others later slots).
   */
  private void sendInOrder(List<OutboxEntry> conversation, Batch batch) {
    for (OutboxEntry entry : conversation) {
      Instant now = clock.instant();
      if (now.isAfter(batch.sendBy)) {
        if (outbox.handBack(
            entry.id(),
            batch.claimedAt,
            now,
            keepingMark(entry, "not sent in time; queued again"))) {
          batch.handedBack.incrementAndGet();
        }
        continue;
      }
      List<Sent> sent = batch.sent;
      try (LogContext context =
          LogContext.with("tenant", entry.tenant().key())
              .and("case_id", entry.caseId())
              .and("reminder_id", entry.reminderId())) {
        Messenger messenger = messengerOf(entry);
        try {
          sent.add(sent(entry, send(messenger, entry), messenger));
        } catch (DeliveryFailure failure) {
          onFailure(entry, conversationOf(entry), failure);
        } catch (RuntimeException unexpected) {
          onFailure(
              entry,
              conversationOf(entry),
              DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
        }
      }
    }
  }

  private Messenger messengerOf(OutboxEntry entry) {
    return messengers.forPlatform(entry.tenant().platform()).orElseThrow();
  }

  /**
   * Sends what is due at {@code at} then. However many entries wait for about the same moment, one
   * drain sends them all, in batches: a drain already set for a little later (up to {@link
   * #DRAIN_SLACK}) takes this one too.
   */
  private void drainAt(Instant at) {
    Instant next = drains.ceiling(at);
    if (next != null && !next.isAfter(at.plus(DRAIN_SLACK))) {
      return;
    }
    if (!drains.add(at)) {
      return;
    }
    // A millisecond late rather than a moment early, when the entry would not be due yet.
    later.run(
        Duration.between(clock.instant(), at).plusMillis(1),
        () -> {
          drains.remove(at);
          deliverDueSoon();
        });
  }

  private void drainDue() {
    for (int round = 0; round < DRAIN_ROUNDS; round++) {
      if (deliverDue(DRAIN_BATCH) < DRAIN_BATCH || Thread.currentThread().isInterrupted()) {
        return; // done, or shutting down: the sweep of the next start takes the rest
      }
    }
  }

  /** A case card or a card refresh, on its own. */
  private void deliverOne(OutboxEntry entry, Messenger messenger) {
    try (LogContext context =
        LogContext.with("tenant", entry.tenant().key())
            .and("case_id", entry.caseId())
            .and("reminder_id", entry.reminderId())) {
      long id = entry.id();
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
          drainAt(slot);
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
            entry,
            conversation,
            DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
        return;
      }
      // Sent: from here on a failure is our database's, and must never lead to sending again.
      recordSent(List.of(sent(entry, ref, messenger)), 1);
    }
  }

  /**
   * Records sends the platform accepted, in one transaction. If the database is away, tries again
   * every {@link #RECORD_RETRY} for a while; the entries stay claimed meanwhile, so nothing sends
   * them again, and if this process dies first, recovery finds the messages on the platform.
   */
  private void recordSent(List<Sent> sent, int tries) {
    // In the order claims take locks (conversation, then id), so that a recording and a claim
    // running side by side never wait for each other in a circle.
    List<Sent> ordered = new ArrayList<>(sent);
    ordered.sort(
        Comparator.comparing((Sent s) -> s.paced().orElse(""))
            .thenComparingLong(s -> s.entry().id()));
    try {
      tx.run(
          () -> {
            for (Sent s : ordered) {
              OutboxEntry entry = s.entry();
              outbox.markSent(entry.id(), s.ref(), s.at());
              // The platform had it by now, so the next post keeps the spacing from here.
              s.paced().ifPresent(conversation -> pacing.sent(conversation, s.at()));
              entry
                  .reminderId()
                  .ifPresent(
                      rid ->
                          markReminderDelivered(rid, entry.reminderOccurrence().orElse(0), s.at()));
            }
          });
      for (Sent s : sent) {
        log.debug(
            "delivered outbox entry id={} key={} tenant={}",
            s.entry().id(),
            s.entry().dedupeKey(),
            s.entry().tenant());
      }
    } catch (RuntimeException e) {
      List<Long> ids = sent.stream().map(s -> s.entry().id()).toList();
      if (tries >= RECORD_TRIES) {
        log.warn(
            "outbox entries {} were sent but could not be recorded ({}); recovery will find them on"
                + " the platform",
            ids,
            e.toString());
        return;
      }
      log.info(
          "outbox entries {} were sent; recording them failed ({}), trying again in {} s",
          ids,
          e.toString(),
          RECORD_RETRY.toSeconds());
      later.run(RECORD_RETRY, () -> recordSent(sent, tries + 1));
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
        Optional<Instant> unanswered = unansweredSince(entry);
        if (unanswered.isPresent()) {
          PriorDelivery prior =
              lookUpUnanswered(
                  messenger, entry, entry.destination().orElseThrow(), unanswered.get());
          if (prior instanceof PriorDelivery.Found found) {
            return Optional.of(found.ref());
          }
          if (prior instanceof PriorDelivery.CannotTell) {
            message = possibleRepeat(message);
          }
        } else if (entry.lastError().filter(e -> e.startsWith(UNKNOWN_OUTCOME)).isPresent()) {
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
    Optional<Instant> unanswered = unansweredSince(entry);
    if (unanswered.isPresent()) {
      PriorDelivery prior =
          lookUpUnanswered(
              messenger,
              entry,
              new Destination.Channel(c.tenant(), c.channelId()),
              unanswered.get());
      if (prior instanceof PriorDelivery.Found landed) {
        // The card keeps its address; it shows the case as it was at the first try, and every
        // change since found no card to update, so it is brought up to date in place.
        tx.run(() -> cases.saveCard(c.tenant(), c.id(), landed.ref()));
        catchUpRecoveredCard(entry);
        return Optional.of(landed.ref());
      }
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
    String said = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    boolean givingUp = Duration.between(entry.createdAt(), now).compareTo(policy.giveUpAfter()) > 0;
    boolean unanswered = failure.outcomeUnknown() && entry.kind() != OutboxEntry.Kind.CARD_REFRESH;
    if (unanswered) {
      // It may have arrived: the next attempt looks it up before posting (never given up unseen).
      givingUp = givingUp && unansweredSince(entry).isPresent();
    }
    String reason = unanswered ? NO_ANSWER + now + "; " + said : said;
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
        unanswered
            ? "outbox entry id={} tenant={} went out but was never answered ({}); looking it up in {}"
                + " ms, before sending it again"
            : "delivery of outbox entry id={} tenant={} failed ({}); retrying in {} ms",
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

  /**
   * {@code note}, after the mark of an earlier attempt whose outcome is unknown, if there was one:
   * an entry handed back unsent must still be looked up (or marked as a possible repeat) when it
   * goes.
   */
  private static String keepingMark(OutboxEntry entry, String note) {
    Optional<Instant> unanswered = unansweredSince(entry);
    if (unanswered.isPresent()) {
      return NO_ANSWER + unanswered.get() + "; " + note;
    }
    if (entry.lastError().filter(e -> e.startsWith(UNKNOWN_OUTCOME)).isPresent()) {
      return UNKNOWN_OUTCOME + ": " + note;
    }
    return note;
  }

  /**
   * When the last post of {@code entry} went out and was never answered, if it did: read from the
   * {@link #NO_ANSWER} mark its failed attempt left.
   */
  static Optional<Instant> unansweredSince(OutboxEntry entry) {
    return entry
        .lastError()
        .filter(e -> e.startsWith(NO_ANSWER))
        .map(
            e -> {
              int end = e.indexOf(' ', NO_ANSWER.length());
              String at = e.substring(NO_ANSWER.length(), end < 0 ? e.length() : end);
              try {
                return Instant.parse(at.endsWith(";") ? at.substring(0, at.length() - 1) : at);
              } catch (java.time.format.DateTimeParseException unreadable) {
                return entry.createdAt();
              }
            });
  }

  /**
   * Before a post that went out unanswered at {@code since} is sent again: whether the platform has
   * it. Found: it is recorded as sent, not sent again. Absent: it is sent, once, as it is. The
   * platform cannot tell (Teams): it is sent again with a "possible repeat" note, logged and
   * counted. A lookup that fails for now fails the attempt with the mark kept, so the next attempt
   * looks again rather than posting blind.
   */
  private PriorDelivery lookUpUnanswered(
      Messenger messenger, OutboxEntry entry, Destination to, Instant since) {
    PriorDelivery prior;
    try {
      prior =
          call(
              messenger,
              "find",
              () ->
                  messenger.findDelivered(to, entry.dedupeKey(), since.minus(NO_ANSWER_LOOK_BACK)));
    } catch (DeliveryFailure failure) {
      if (!failure.permanent()) {
        String reason = NO_ANSWER + since + "; looking it up failed: " + failure.getMessage();
        throw failure
            .retryAfter()
            .map(wait -> DeliveryFailure.rateLimited(reason, wait))
            .orElseGet(() -> DeliveryFailure.transientFailure(reason, failure));
      }
      log.info(
          "cannot look up unanswered outbox entry id={} ({})", entry.id(), failure.getMessage());
      prior = PriorDelivery.CANNOT_TELL;
    } catch (RuntimeException unexpected) {
      throw DeliveryFailure.transientFailure(
          NO_ANSWER + since + "; looking it up failed: " + unexpected, unexpected);
    }
    if (prior instanceof PriorDelivery.Found) {
      log.info(
          "outbox entry id={} key={} went out without an answer; the platform has it, so it is not"
              + " sent again",
          entry.id(),
          entry.dedupeKey());
    } else if (prior instanceof PriorDelivery.Absent) {
      log.info(
          "outbox entry id={} key={} went out without an answer and never arrived; sending it now",
          entry.id(),
          entry.dedupeKey());
    } else {
      metrics.possiblyDuplicated(entry.tenant().platform());
      log.warn(
          "outbox entry id={} key={} tenant={} went out without an answer and {} cannot tell"
              + " whether it arrived. Re-sending once, marked as a possible repeat.",
          entry.id(),
          entry.dedupeKey(),
          entry.tenant(),
          entry.tenant().platform().key());
    }
    return prior;
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
