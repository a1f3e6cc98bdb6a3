package dev.followupbot.core.service;

import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that could not be given while the request that asked for them was being handled: the
 * platform call failed after the command had run. They go on the outbox and are delivered from
 * there like any proactive message (claimed before each send, retried with backoff, given up on
 * with a log line), so an answer is never dropped silently. One answer per request: the request's
 * own id names it, and a redelivered request finds it already queued.
 */
public final class LateAnswers {

  private static final Logger log = LoggerFactory.getLogger(LateAnswers.class);

  private final Outbox outbox;
  private final DeliveryService delivery;
  private final Clock clock;

  public LateAnswers(Outbox outbox, DeliveryService delivery, Clock clock) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.clock = clock;
  }

  /**
   * Queues {@code answer} to {@code to} and returns its outbox id; deliver it with {@link
   * DeliveryService#deliverAll} (off the request thread), or leave it to the sweep. {@code
   * requestKey} names the request (platform, conversation and message id); {@code why} is what went
   * wrong, for the log.
   */
  public long keep(String requestKey, Destination to, Message answer, String why) {
    long id =
        outbox.enqueue(
            OutboxEntry.message(
                DedupeKey.lateAnswer(requestKey), to, answer, Optional.empty(), clock.instant()));
    log.info(
        "could not answer at once (tenant {}): {}; the answer waits in the outbox (id={}) and is"
            + " retried from there",
        to.tenant(),
        why,
        id);
    return id;
  }

  /** Sends a queued answer now, on the caller's thread (it is pending and due at once). */
  public void deliver(long id) {
    delivery.deliver(id);
  }
}
