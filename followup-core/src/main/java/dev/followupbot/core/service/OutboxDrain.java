package dev.followupbot.core.service;

import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: the entries asked for, what is due, and what a paced slot or a retry
 * makes due later. Messages go in claimed batches, each conversation's in order; case cards and
 * card refreshes, which do more than post, go one at a time. Every outcome is recorded.
 */
final class OutboxDrain {

  private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

  /** How much later than its slot an entry may go so that it shares a drain with others. */
  private static final Duration DRAIN_SLACK = Duration.ofMillis(20);

  private static final int DRAIN_BATCH = 500;
  private static final int DRAIN_ROUNDS = 20;
  private static final String DRAIN = "outbox-drain";

  private final Transactions tx;
  private final Outbox outbox;
  private final Messengers messengers;
  private final Conversations conversations;
  private final BatchClaim claims;
  private final EntrySender sender;
  private final SentRecorder recorder;
  private final FailurePolicy failures;
  private final OutboxListener listener;
  private final DeliveryPolicy policy;
  private final Pacing pacing;
  private final Later later;
  private final CoreMetrics metrics;
  private final Clock clock;
  private final ConcurrentSkipListSet<Instant> drains = new ConcurrentSkipListSet<>();

  OutboxDrain(
      Transactions tx,
      Outbox outbox,
      Messengers messengers,
      Conversations conversations,
      BatchClaim claims,
      EntrySender sender,
      SentRecorder recorder,
      FailurePolicy failures,
      OutboxListener listener,
      DeliveryPolicy policy,
      Pacing pacing,
      Later later,
      CoreMetrics metrics,
      Clock clock) {
    this.tx = tx;
    this.outbox = outbox;
    this.messengers = messengers;
    this.conversations = conversations;
    this.claims = claims;
    this.sender = sender;
    this.recorder = recorder;
    this.failures = failures;
    this.listener = listener;
    this.policy = policy;
    this.pacing = pacing;
    this.later = later;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** See {@link DeliveryService#deliverAll}. Never throws. */
  void deliverAll(List<Long> ids) {
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
            || entry.state().status() != OutboxEntry.State.PENDING
            || messengers.forPlatform(entry.tenant().platform()).isEmpty()) {
          continue;
        }
        if (entry.payload() instanceof OutboxEntry.PostMessage) {
          messages.add(entry);
          continue;
        }
        deliverMessages(messages);
        messages.clear();
        deliverOne(entry, messengerOf(entry));
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

  void deliver(long id) {
    deliverAll(List.of(id));
  }

  /** One drain at a time, off the caller's thread. */
  void deliverDueSoon() {
    later.soon(DRAIN, this::drainDue);
  }

  int deliverDue(int limit) {
    List<Long> due = outbox.due(clock.instant(), messengers.platforms(), limit);
    deliverAll(due);
    return due.size();
  }

  private void deliverMessages(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // Stored to the microsecond, so that a hand-back can match the claim exactly.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    BatchClaim.Claimed claimed = claims.claim(entries, now);
    claimed.slotsLater().forEach(this::drainAt);
    Batch batch = new Batch(now, now.plus(policy.presumedDeadAfter().dividedBy(2)));
    List<Runnable> sends = new ArrayList<>();
    for (List<OutboxEntry> conversation : claimed.conversations()) {
      sends.add(() -> sendInOrder(conversation, batch));
    }
    later.runAll(sends);
    if (!batch.sent.isEmpty()) {
      recorder.record(List.copyOf(batch.sent));
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
    final List<SentRecorder.Sent> sent = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger handedBack = new AtomicInteger();

    Batch(Instant claimedAt, Instant sendBy) {
      this.claimedAt = claimedAt;
      this.sendBy = sendBy;
    }
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
            OutcomeMark.of(entry).onto("not sent in time; queued again"))) {
          batch.handedBack.incrementAndGet();
        }
        continue;
      }
      try (LogContext context = logContext(entry)) {
        Messenger messenger = messengerOf(entry);
        try {
          batch.sent.add(recorder.sent(entry, sender.send(messenger, entry), messenger));
        } catch (DeliveryFailure failure) {
          failed(entry, conversations.of(entry), failure);
        } catch (RuntimeException unexpected) {
          failed(
              entry,
              conversations.of(entry),
              DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
        }
      }
    }
  }

  /** A case card or a card refresh, on its own. */
  private void deliverOne(OutboxEntry entry, Messenger messenger) {
    try (LogContext context = logContext(entry)) {
      Instant now = clock.instant();
      if (!claims.claimOne(entry.id(), now)) {
        return;
      }
      Optional<String> conversation = conversations.of(entry);
      Optional<Instant> slot = claims.postponedSlot(entry, conversation, messenger.pacing(), now);
      if (slot.isPresent()) {
        drainAt(slot.get());
        return;
      }
      Optional<MessageRef> ref;
      try {
        ref = sender.send(messenger, entry);
      } catch (DeliveryFailure failure) {
        failed(entry, conversation, failure);
        return;
      } catch (RuntimeException unexpected) {
        failed(
            entry,
            conversation,
            DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
        return;
      }
      // Sent: from here on a failure is our database's, and must never lead to sending again.
      recorder.record(List.of(recorder.sent(entry, ref, messenger)));
    }
  }

  private void failed(OutboxEntry entry, Optional<String> conversation, DeliveryFailure failure) {
    Instant now = clock.instant();
    FailurePolicy.Verdict verdict = failures.judge(entry, failure, now);
    String reason = verdict.reason();
    if (verdict instanceof FailurePolicy.GiveUp) {
      log.warn(
          "giving up on outbox entry id={} key={} tenant={} after {} attempt(s): {}",
          entry.id(),
          entry.key(),
          entry.tenant(),
          entry.state().attempts() + 1,
          reason);
      List<Long> notices =
          tx.inTransaction(
              () -> {
                outbox.markFailed(entry.id(), reason, now);
                return listener.failed(entry, reason, now);
              });
      deliverAll(notices);
    } else if (verdict instanceof FailurePolicy.Retry retry) {
      // Every post to this conversation waits, on every node, not only this one.
      retry.pauseEnds().ifPresent(ends -> conversation.ifPresent(c -> pacing.holdUntil(c, ends)));
      Instant next = now.plus(retry.after());
      metrics.retry(entry.tenant().platform().key());
      log.info(
          retry.unanswered()
              ? "outbox entry id={} tenant={} went out but was never answered ({}); looking it up in"
                  + " {} ms, before sending it again"
              : "delivery of outbox entry id={} tenant={} failed ({}); retrying in {} ms",
          entry.id(),
          entry.tenant(),
          reason,
          retry.after().toMillis());
      tx.run(() -> outbox.retryAt(entry.id(), next, reason));
      later.run(retry.after(), () -> deliver(entry.id()));
    }
  }

  private Messenger messengerOf(OutboxEntry entry) {
    return messengers.forPlatform(entry.tenant().platform()).orElseThrow();
  }

  private static LogContext logContext(OutboxEntry entry) {
    return LogContext.with("tenant", entry.tenant().key())
        .and("case_id", entry.payload().about())
        .and(
            "reminder_id",
            entry.payload() instanceof OutboxEntry.PostMessage post
                ? post.reminder().map(OutboxEntry.ReminderOccurrence::reminderId)
                : Optional.empty());
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
}
