package dev.followupbot.core.service;

import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages in one claimed batch: a transaction claims them and takes their conversations'
 * slots (a later slot becomes a drain then), the posts go out side by side, each conversation's in
 * order, and one transaction records what was sent. What is not sent in time goes back to the
 * queue.
 */
final class BatchSend {

  /** Logs as the drain, where operators have always found these lines. */
  private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

  private final Outbox outbox;
  private final Messengers messengers;
  private final Conversations conversations;
  private final BatchClaim claims;
  private final EntrySender sender;
  private final SentRecorder recorder;
  private final FailureRecorder failures;
  private final DrainTimer drains;
  private final DeliveryPolicy policy;
  private final Later later;
  private final Clock clock;

  BatchSend(
      Outbox outbox,
      Messengers messengers,
      Conversations conversations,
      BatchClaim claims,
      EntrySender sender,
      SentRecorder recorder,
      FailureRecorder failures,
      DrainTimer drains,
      DeliveryPolicy policy,
      Later later,
      Clock clock) {
    this.outbox = outbox;
    this.messengers = messengers;
    this.conversations = conversations;
    this.claims = claims;
    this.sender = sender;
    this.recorder = recorder;
    this.failures = failures;
    this.drains = drains;
    this.policy = policy;
    this.later = later;
    this.clock = clock;
  }

  /** Sends the pending messages {@code entries}, and records the outcomes. */
  void send(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // Stored to the microsecond, so that a hand-back can match the claim exactly.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    BatchClaim.Claimed claimed = claims.claim(entries, now);
    claimed.slotsLater().forEach(drains::at);
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
      drains.soon();
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
      try (LogContext context = OutboxDrain.logContext(entry)) {
        Messenger messenger = messengers.forPlatform(entry.tenant().platform()).orElseThrow();
        try {
          batch.sent.add(recorder.sent(entry, sender.send(messenger, entry), messenger));
        } catch (DeliveryFailure failure) {
          failures.failed(entry, conversations.of(entry), failure);
        } catch (RuntimeException unexpected) {
          failures.failedUnexpectedly(entry, conversations.of(entry), unexpected);
        }
      }
    }
  }
}
