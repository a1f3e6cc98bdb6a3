package dev.followupbot.core.quartz;

import java.time.Duration;
import java.util.Objects;

/**
 * How the scheduler runs: worker threads, whether this node is one of a cluster sharing the
 * database, how often the safety-net sweep runs, and when a late trigger counts as misfired.
 */
public record QuartzSettings(
    int threads, boolean clustered, Duration sweepInterval, Duration misfireThreshold) {

  public static final QuartzSettings DEFAULT =
      new QuartzSettings(4, false, Duration.ofSeconds(5), Duration.ofSeconds(30));

  public QuartzSettings {
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (sweepInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("sweepInterval must be at least 100 ms");
    }
  }

  public QuartzSettings clustered(boolean value) {
    return new QuartzSettings(threads, value, sweepInterval, misfireThreshold);
  }
}
