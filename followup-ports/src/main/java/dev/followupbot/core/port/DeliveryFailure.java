package dev.followupbot.core.port;

import java.time.Duration;
import java.util.Optional;

/**
 * A platform call that did not deliver. Transient failures (rate limits, 5xx, timeouts) are worth
 * retrying, no sooner than {@link #retryAfter()} when the platform said so; permanent ones (channel
 * gone, user deactivated, app uninstalled) are not.
 */
public final class DeliveryFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;
  private final Duration retryAfter;

  private DeliveryFailure(String message, boolean permanent, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  public static DeliveryFailure transientFailure(String reason, Throwable cause) {
    return new DeliveryFailure(reason, false, null, cause);
  }

  public static DeliveryFailure rateLimited(String reason, Duration retryAfter) {
    return new DeliveryFailure(reason, false, retryAfter, null);
  }

  public static DeliveryFailure permanentFailure(String reason, Throwable cause) {
    return new DeliveryFailure(reason, true, null, cause);
  }

  public boolean permanent() {
    return permanent;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
