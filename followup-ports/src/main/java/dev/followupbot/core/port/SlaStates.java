package dev.followupbot.core.port;

import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The last SLA state seen for each target of each case, so a change is reported once however many
 * times, and on however many nodes, the case is evaluated.
 */
public interface SlaStates {

  /** What was last seen for one target of one case; {@code version} counts its changes. */
  record Seen(long caseId, SlaMetric metric, Instant since, SlaState state, int version) {
    public Seen {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(state, "state");
    }
  }

  List<Seen> forCase(long caseId);

  /**
   * Records a first sighting. False if another evaluation recorded one first (then nothing is
   * written and the caller reports nothing).
   */
  boolean insert(dev.followupbot.core.domain.TenantId tenant, Seen first, Instant now);

  /**
   * Moves a target from what was seen ({@code expected}) to {@code next}, with the version one
   * higher. False if someone else moved it first.
   */
  boolean move(Seen expected, Instant since, SlaState next, Instant now);
}
