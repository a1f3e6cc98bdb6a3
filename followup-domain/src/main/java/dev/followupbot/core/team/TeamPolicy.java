package dev.followupbot.core.team;

import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.schedule.CronSchedule;
import dev.followupbot.core.schedule.QuietHours;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a support team keeps its cases moving: when it works, when it is quiet, when unclaimed and
 * stale cases are nudged and escalated, its SLA targets, its check-ins after resolution, what a low
 * satisfaction score does, its digests, and how its channels turn conversations into cases. Every
 * value is set (from the team, the file's {@code defaults}, or the built-in default); an empty
 * optional means "off".
 */
public record TeamPolicy(
    BusinessCalendar calendar,
    Optional<QuietHours> quietHours,
    Unclaimed unclaimed,
    Stale stale,
    Sla sla,
    FollowUp followUp,
    Csat csat,
    Digest digest,
    Duration groupWindow,
    Intake intake) {

  public TeamPolicy {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(quietHours, "quietHours");
    Objects.requireNonNull(unclaimed, "unclaimed");
    Objects.requireNonNull(stale, "stale");
    Objects.requireNonNull(sla, "sla");
    Objects.requireNonNull(followUp, "followUp");
    Objects.requireNonNull(csat, "csat");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(groupWindow, "groupWindow");
    Objects.requireNonNull(intake, "intake");
  }

  /** A new unclaimed case nudges its channel after {@code nudgeAfter}, then escalates. */
  public record Unclaimed(
      Optional<Duration> nudgeAfter, List<EscalationStep> escalation, int repeat) {
    public Unclaimed {
      escalation = List.copyOf(escalation);
      if (repeat < 0 || repeat > 10) {
        throw new IllegalArgumentException("repeat must be between 0 and 10");
      }
    }
  }

  /** A claimed case with no activity for {@code after} nudges its owner; then its lead. */
  public record Stale(Optional<Duration> after, Optional<Duration> escalateAfter) {}

  /** First-response, resolution and next-response targets in business time, per priority. */
  public record Sla(
      double warnAt,
      Map<Priority, Duration> firstResponse,
      Map<Priority, Duration> resolution,
      Map<Priority, Duration> nextResponse) {
    public Sla {
      firstResponse = Map.copyOf(firstResponse);
      resolution = Map.copyOf(resolution);
      nextResponse = Map.copyOf(nextResponse);
      if (warnAt <= 0 || warnAt >= 1) {
        throw new IllegalArgumentException("warn_at must be between 0% and 100%, e.g. 75%");
      }
    }
  }

  /**
   * After a case is resolved its owner is reminded to check in with the customer: whole days count
   * as working days and land at {@code at} in the owner's time; shorter spans are business time. A
   * case from a conversation that waits on a silent requester is resolved after {@code
   * autoResolveAfter} of business time, with a courteous question in its thread at {@code
   * autoResolveWarnAfter}; both are off unless set.
   */
  public record FollowUp(
      Map<Priority, Duration> afterResolution,
      LocalTime at,
      Optional<Duration> autoResolveAfter,
      Optional<Duration> autoResolveWarnAfter) {
    public FollowUp {
      afterResolution = Map.copyOf(afterResolution);
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(autoResolveAfter, "autoResolveAfter");
      Objects.requireNonNull(autoResolveWarnAfter, "autoResolveWarnAfter");
    }

    public FollowUp(Map<Priority, Duration> afterResolution, LocalTime at) {
      this(afterResolution, at, Optional.empty(), Optional.empty());
    }
  }

  /** What a satisfaction score at or below {@code lowScore} does. */
  public record Csat(int lowScore, CsatAction onLow) {
    public Csat {
      Objects.requireNonNull(onLow, "onLow");
      if (lowScore < 1 || lowScore > 5) {
        throw new IllegalArgumentException("low_score must be between 1 and 5");
      }
    }
  }

  /** The team digest's schedule (off if empty) and whether people get a personal morning digest. */
  public record Digest(Optional<CronSchedule> team, boolean personal) {}
}
