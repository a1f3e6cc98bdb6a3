package dev.followupbot.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA target of one case at one moment.
 *
 * @param since when this target's clock started (creation, or the last reopening)
 * @param elapsed business time used, not counting time waiting on the customer
 * @param deadline when the target will be missed, while the clock runs
 * @param nextChange when the state will change if nothing happens (due soon, then breached)
 */
public record SlaStatus(
    SlaMetric metric,
    SlaState state,
    Duration target,
    Instant since,
    Duration elapsed,
    Optional<Instant> deadline,
    Optional<Instant> nextChange) {

  public SlaStatus {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(nextChange, "nextChange");
  }

  /** Business time left before the target (negative once breached). */
  public Duration remaining() {
    return target.minus(elapsed);
  }
}
