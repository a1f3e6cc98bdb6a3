package dev.followupbot.core.service;

import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a failed send as the {@link FailurePolicy} judges it: given up (the entry failed, and the
 * notices the {@link OutboxListener} queues for it go out), or retried later, with every post to
 * the conversation held while the platform asked for a pause.
 */
final class FailureRecorder {

  /** Logs as the drain, where operators have always found these lines. */
  private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

  private final Transactions tx;
  private final Outbox outbox;
  private final FailurePolicy failures;
  private final OutboxListener listener;
  private final Pacing pacing;
  private final Later later;
  private final CoreMetrics metrics;
  private final Clock clock;

  /** Delivers outbox entries (the notices of a give-up, a retried entry). */
  private final Consumer<List<Long>> deliverAll;

  FailureRecorder(
      Transactions tx,
      Outbox outbox,
      FailurePolicy failures,
      OutboxListener listener,
      Pacing pacing,
      Later later,
      CoreMetrics metrics,
      Clock clock,
      Consumer<List<Long>> deliverAll) {
    this.tx = tx;
    this.outbox = outbox;
    this.failures = failures;
    this.listener = listener;
    this.pacing = pacing;
    this.later = later;
    this.metrics = metrics;
    this.clock = clock;
    this.deliverAll = deliverAll;
  }

  /** An unexpected exception from a send, as the transient failure it is taken for. */
  void failedUnexpectedly(
      OutboxEntry entry, Optional<String> conversation, RuntimeException unexpected) {
    failed(
        entry, conversation, DeliveryFailure.transientFailure(unexpected.toString(), unexpected));
  }

  void failed(OutboxEntry entry, Optional<String> conversation, DeliveryFailure failure) {
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
      deliverAll.accept(notices);
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
      later.run(retry.after(), () -> deliverAll.accept(List.of(entry.id())));
    }
  }
}
