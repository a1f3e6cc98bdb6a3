package dev.followupbot.core.port;

import java.time.Duration;
import java.util.Optional;

/**
 * A platform call that did not deliver. Transient failures (rate limits, 5xx, timeouts) are worth
 * retrying, no sooner than {@link #retryAfter()} when the platform said so; permanent ones (channel
 * gone, user deactivated, app uninstalled) are not. A post whose request went out but whose answer
 * never came (a read timeout, a connection cut mid-answer) is transient with an {@link
 * #outcomeUnknown() unknown outcome}: the platform may have it, so it is looked up before it is
 * sent again.
 */
public final class DeliveryFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;
  private final Duration retryAfter;
  private final boolean outcomeUnknown;

  private DeliveryFailure(
      String message,
      boolean permanent,
      Duration retryAfter,
      boolean outcomeUnknown,
      Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
    this.outcomeUnknown = outcomeUnknown;
  }

  public static DeliveryFailure transientFailure(String reason, Throwable cause) {
    return new DeliveryFailure(reason, false, null, false, cause);
  }

  /**
   * A post that was sent but never answered: it may have arrived. Transient; the core looks it up
   * on the platform before sending it again.
   */
  public static DeliveryFailure outcomeUnknown(String reason, Throwable cause) {
    return new DeliveryFailure(reason, false, null, true, cause);
  }

  public static DeliveryFailure rateLimited(String reason, Duration retryAfter) {
    return new DeliveryFailure(reason, false, retryAfter, false, null);
  }

  public static DeliveryFailure permanentFailure(String reason, Throwable cause) {
    return new DeliveryFailure(reason, true, null, false, cause);
  }

  /** Whether the request went out and may have been carried out, though no answer came. */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  public boolean permanent() {
    return permanent;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
