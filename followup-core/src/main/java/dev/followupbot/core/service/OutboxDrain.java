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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: the entries asked for, what is due, and what a paced slot or a retry
 * makes due later. Messages go in claimed batches ({@link BatchSend}), each conversation's in
 * order; case cards and card refreshes, which do more than post, go one at a time. Every outcome is
 * recorded ({@link SentRecorder}, {@link FailureRecorder}); {@link DrainTimer} says when to drain.
 */
final class OutboxDrain {

  private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

  private final Outbox outbox;
  private final Messengers messengers;
  private final Conversations conversations;
  private final BatchClaim claims;
  private final EntrySender sender;
  private final SentRecorder recorder;
  private final Clock clock;
  private final DrainTimer drains;
  private final FailureRecorder failures;
  private final BatchSend batches;

  OutboxDrain(
      Transactions tx,
      Outbox outbox,
      Messengers messengers,
      Conversations conversations,
      BatchClaim claims,
      EntrySender sender,
      SentRecorder recorder,
      FailurePolicy failurePolicy,
      OutboxListener listener,
      DeliveryPolicy policy,
      Pacing pacing,
      Later later,
      CoreMetrics metrics,
      Clock clock) {
    this.outbox = outbox;
    this.messengers = messengers;
    this.conversations = conversations;
    this.claims = claims;
    this.sender = sender;
    this.recorder = recorder;
    this.clock = clock;
    this.drains = new DrainTimer(later, clock, this::deliverDue);
    this.failures =
        new FailureRecorder(
            tx, outbox, failurePolicy, listener, pacing, later, metrics, clock, this::deliverAll);
    this.batches =
        new BatchSend(
            outbox,
            messengers,
            conversations,
            claims,
            sender,
            recorder,
            this.failures,
            drains,
            policy,
            later,
            clock);
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
        batches.send(messages);
        messages.clear();
        deliverOne(entry, messengers.forPlatform(entry.tenant().platform()).orElseThrow());
      }
      batches.send(messages);
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
    drains.soon();
  }

  int deliverDue(int limit) {
    List<Long> due = outbox.due(clock.instant(), messengers.platforms(), limit);
    deliverAll(due);
    return due.size();
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
        drains.at(slot.get());
        return;
      }
      Optional<MessageRef> ref;
      try {
        ref = sender.send(messenger, entry);
      } catch (DeliveryFailure failure) {
        failures.failed(entry, conversation, failure);
        return;
      } catch (RuntimeException unexpected) {
        failures.failedUnexpectedly(entry, conversation, unexpected);
        return;
      }
      // Sent: from here on a failure is our database's, and must never lead to sending again.
      recorder.record(List.of(recorder.sent(entry, ref, messenger)));
    }
  }

  /** The entry's tenant, case and reminder, on every log line of its send. */
  static LogContext logContext(OutboxEntry entry) {
    return LogContext.with("tenant", entry.tenant().key())
        .and("case_id", entry.payload().about())
        .and(
            "reminder_id",
            entry.payload() instanceof OutboxEntry.PostMessage post
                ? post.reminder().map(OutboxEntry.ReminderOccurrence::reminderId)
                : Optional.empty());
  }
}
