package dev.followupbot.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard delivery tries: back-off bounds for transient failures, when to give up, and how long a
 * claimed send may run before its sender is presumed dead.
 */
public record DeliveryPolicy(
    Duration firstRetry, Duration maxRetry, Duration giveUpAfter, Duration presumedDeadAfter) {

  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          Duration.ofMinutes(2));

  public DeliveryPolicy {
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    Objects.requireNonNull(presumedDeadAfter, "presumedDeadAfter");
  }

  /** Exponential back-off from {@code firstRetry}, capped at {@code maxRetry}, with ±20% jitter. */
  public Duration backoff(int attempts, double jitter) {
    long base = firstRetry.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(base, maxRetry.toMillis());
    return Duration.ofMillis(Math.round(capped * (0.8 + 0.4 * jitter)));
  }
}
