package dev.followupbot.core.quartz;

import java.time.Duration;
import java.util.Objects;

/**
 * How the scheduler runs: worker threads, whether this node is one of a cluster sharing the
 * database, how often the safety-net sweep runs, when a late trigger counts as misfired, and how
 * often a cluster member checks in (a member silent for about twice that plus 7.5 s is presumed
 * dead, and its wake-ups and unfinished sends move to a survivor).
 */
public record QuartzSettings(
    int threads,
    boolean clustered,
    Duration sweepInterval,
    Duration misfireThreshold,
    Duration checkinInterval) {

  public static final Duration DEFAULT_CHECKIN = Duration.ofSeconds(5);

  public static final QuartzSettings DEFAULT =
      new QuartzSettings(4, false, Duration.ofSeconds(5), Duration.ofSeconds(30), DEFAULT_CHECKIN);

  public QuartzSettings {
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    Objects.requireNonNull(checkinInterval, "checkinInterval");
    if (checkinInterval.compareTo(Duration.ofMillis(500)) < 0) {
      throw new IllegalArgumentException("checkinInterval must be at least 500 ms");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (sweepInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("sweepInterval must be at least 100 ms");
    }
  }

  /** With the default check-in interval. */
  public QuartzSettings(
      int threads, boolean clustered, Duration sweepInterval, Duration misfireThreshold) {
    this(threads, clustered, sweepInterval, misfireThreshold, DEFAULT_CHECKIN);
  }

  public QuartzSettings clustered(boolean value) {
    return new QuartzSettings(threads, value, sweepInterval, misfireThreshold, checkinInterval);
  }
}
