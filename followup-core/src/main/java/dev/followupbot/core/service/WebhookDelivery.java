package dev.followupbot.core.service;

import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.port.WebhookLog;
import dev.followupbot.core.port.WebhookTransport;
import dev.followupbot.core.webhook.WebhookSignature;
import dev.followupbot.core.webhook.WebhookTarget;
import dev.followupbot.core.webhook.WebhookTargets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook events: at least once, in order per case and URL, signed. An entry is
 * claimed (and the claim committed) before the POST; a 2xx answer delivers it. No answer, 408, 425,
 * 429 and 5xx are retried with exponential backoff and jitter until the webhook's give-up time; any
 * other answer means the receiver refuses the event, which is recorded as failed. Either way the
 * next event of the case goes out after it, never before.
 */
public final class WebhookDelivery {

  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

  /** How many events of one case one call sends before leaving the rest to the sweep. */
  private static final int CHAIN_LIMIT = 100;

  private final Transactions tx;
  private final WebhookLog webhookLog;
  private final WebhookTargets targets;
  private final WebhookTransport transport;
  private final DeliveryPolicy policy;
  private final CoreMetrics metrics;
  private final Later later;
  private final String node;
  private final Clock clock;

  public WebhookDelivery(
      Transactions tx,
      WebhookLog webhookLog,
      WebhookTargets targets,
      WebhookTransport transport,
      DeliveryPolicy policy,
      CoreMetrics metrics,
      Later later,
      String node,
      Clock clock) {
    this.tx = tx;
    this.webhookLog = webhookLog;
    this.targets = targets;
    this.transport = transport;
    this.policy = policy;
    this.metrics = metrics;
    this.later = later;
    this.node = node;
    this.clock = clock;
  }

  /** Sends every event whose time has come and that is first in line. Returns how many. */
  public int deliverDue(int limit) {
    if (targets.isEmpty()) {
      return 0;
    }
    List<Long> due = webhookLog.due(clock.instant(), limit);
    due.forEach(this::deliver);
    return due.size();
  }

  /** Sends the case's queued events, oldest first, to every webhook, as far as they go. */
  public void deliverCase(long caseId) {
    for (WebhookTarget t : targets.all()) {
      webhookLog.nextFor(t.id(), caseId).ifPresent(this::deliver);
    }
  }

  /**
   * Events whose sender stopped mid-POST (claimed before {@code claimedBefore}, by {@code
   * claimedBy} if given) go back to the queue, to be sent at once; the receiver may get one twice,
   * with the same event id, which lets it notice. Returns how many.
   */
  public int recoverStuck(Instant claimedBefore, Optional<String> claimedBy, int limit) {
    if (targets.isEmpty()) {
      return 0;
    }
    List<Long> stuck = webhookLog.stuck(claimedBefore, claimedBy, limit);
    Instant now = clock.instant();
    for (Long id : stuck) {
      log.warn(
          "webhook delivery id={} was cut off mid-call when its sender stopped; sending it again"
              + " with the same event id",
          id);
      tx.run(() -> webhookLog.release(id, now, "sender stopped mid-call"));
    }
    return stuck.size();
  }

  /**
   * Sends one entry if it is pending, due and first in line, then the case's next. Never throws.
   */
  public void deliver(long id) {
    long next = id;
    for (int i = 0; i < CHAIN_LIMIT && next > 0; i++) {
      try {
        next = deliverOnce(next);
      } catch (RuntimeException e) {
        log.error("webhook delivery id={} failed unexpectedly; the sweep will retry it", next, e);
        return;
      }
    }
  }

  /** Returns the id of the case's next entry for the same URL when this one is finished, or 0. */
  private long deliverOnce(long id) {
    Optional<WebhookEntry> found = webhookLog.find(id);
    if (found.isEmpty() || found.get().state() != WebhookEntry.State.PENDING) {
      return 0;
    }
    WebhookEntry entry = found.get();
    Instant now = clock.instant();
    if (!tx.inTransaction(() -> webhookLog.claim(id, node, now))) {
      return 0;
    }
    try (LogContext context =
        LogContext.with("tenant", entry.tenant().key()).and("case", entry.caseNumber())) {
      Optional<WebhookTarget> target = targets.byId(entry.targetId());
      if (target.isEmpty()) {
        fail(entry, Optional.empty(), "this webhook is no longer configured", now);
        return 0;
      }
      byte[] body = entry.payload().getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json; charset=utf-8");
      headers.put("User-Agent", "followup-bot");
      headers.put("X-Followup-Event", entry.eventType());
      headers.put("X-Followup-Event-Id", entry.eventId());
      headers.put("X-Followup-Delivery", Long.toString(entry.id()));
      headers.put("X-Followup-Attempt", Integer.toString(entry.attempts() + 1));
      headers.put(WebhookSignature.HEADER, target.get().sign(now.getEpochSecond(), body));
      int status;
      try {
        status = transport.post(entry.url(), headers, body);
      } catch (RuntimeException unreachable) {
        String reason =
            unreachable.getMessage() == null ? unreachable.toString() : unreachable.getMessage();
        retryOrGiveUp(entry, target.get(), Optional.empty(), reason);
        return 0;
      }
      Instant done = clock.instant();
      if (status >= 200 && status < 300) {
        tx.run(() -> webhookLog.markDelivered(id, status, done));
        metrics.webhook("delivered");
        log.info(
            "webhook delivered tenant={} case={} event={} type={} to={} status={} attempt={}",
            entry.tenant(),
            entry.caseNumber().map(String::valueOf).orElse("-"),
            entry.eventId(),
            entry.eventType(),
            target.get().id(),
            status,
            entry.attempts() + 1);
        return nextOfCase(entry);
      }
      if (retryable(status)) {
        retryOrGiveUp(entry, target.get(), Optional.of(status), "HTTP " + status);
        return 0;
      }
      fail(entry, Optional.of(status), "HTTP " + status + ": the receiver refused the event", done);
      return nextOfCase(entry);
    }
  }

  private long nextOfCase(WebhookEntry entry) {
    return entry
        .caseId()
        .flatMap(caseId -> webhookLog.nextFor(entry.targetId(), caseId))
        .orElse(0L);
  }

  static boolean retryable(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  private void retryOrGiveUp(
      WebhookEntry entry, WebhookTarget target, Optional<Integer> status, String reason) {
    Instant now = clock.instant();
    if (Duration.between(entry.createdAt(), now).compareTo(target.giveUpAfter()) > 0) {
      fail(entry, status, "gave up after " + (entry.attempts() + 1) + " attempts: " + reason, now);
      // The next event of the case may go now; the sweep sends it.
      return;
    }
    Duration wait = policy.backoff(entry.attempts() + 1, ThreadLocalRandom.current().nextDouble());
    Instant next = now.plus(wait);
    tx.run(() -> webhookLog.retryAt(entry.id(), next, status, reason));
    metrics.webhook("retried");
    metrics.retry("webhook");
    log.info(
        "webhook delivery id={} tenant={} case={} to={} failed ({}); retrying in {} ms",
        entry.id(),
        entry.tenant(),
        entry.caseNumber().map(String::valueOf).orElse("-"),
        target.id(),
        reason,
        wait.toMillis());
    later.run(wait, () -> deliver(entry.id()));
  }

  private void fail(WebhookEntry entry, Optional<Integer> status, String reason, Instant now) {
    tx.run(() -> webhookLog.markFailed(entry.id(), status, reason, now));
    metrics.webhook("failed");
    log.warn(
        "webhook delivery id={} tenant={} case={} event={} type={} failed for good: {}",
        entry.id(),
        entry.tenant(),
        entry.caseNumber().map(String::valueOf).orElse("-"),
        entry.eventId(),
        entry.eventType(),
        reason);
  }
}
