package dev.followupbot.core.service;

import dev.followupbot.core.port.Later;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.IntUnaryOperator;

/**
 * When the outbox is drained: soon, off the caller's thread, one drain at a time; or at the moment
 * a paced slot or a postponed entry comes due. A drain sends what is due in batches until a batch
 * comes back short.
 */
final class DrainTimer {

  /** How much later than its slot an entry may go so that it shares a drain with others. */
  private static final Duration DRAIN_SLACK = Duration.ofMillis(20);

  private static final int DRAIN_BATCH = 500;
  private static final int DRAIN_ROUNDS = 20;
  private static final String DRAIN = "outbox-drain";

  private final Later later;
  private final Clock clock;

  /** Sends up to {@code limit} due entries; how many it attempted. */
  private final IntUnaryOperator deliverDue;

  private final ConcurrentSkipListSet<Instant> drains = new ConcurrentSkipListSet<>();

  DrainTimer(Later later, Clock clock, IntUnaryOperator deliverDue) {
    this.later = later;
    this.clock = clock;
    this.deliverDue = deliverDue;
  }

  /** One drain at a time, off the caller's thread. */
  void soon() {
    later.soon(DRAIN, this::drainDue);
  }

  /**
   * Sends what is due at {@code at} then. However many entries wait for about the same moment, one
   * drain sends them all, in batches: a drain already set for a little later (up to {@link
   * #DRAIN_SLACK}) takes this one too.
   */
  void at(Instant at) {
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
          soon();
        });
  }

  private void drainDue() {
    for (int round = 0; round < DRAIN_ROUNDS; round++) {
      if (deliverDue.applyAsInt(DRAIN_BATCH) < DRAIN_BATCH
          || Thread.currentThread().isInterrupted()) {
        return; // done, or shutting down: the sweep of the next start takes the rest
      }
    }
  }
}
