package dev.followupbot.core.service;

import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What becomes of an attempt that failed: given up on (the platform refused it for good, or it has
 * been failing for longer than {@link DeliveryPolicy#giveUpAfter}), or tried again after a back-off
 * that is at least the pause the platform asked for. A post that went out unanswered is never given
 * up on before it has been looked up once.
 */
final class FailurePolicy {

  /** The outcome of one failed attempt. */
  sealed interface Verdict permits GiveUp, Retry {
    /** What is recorded on the entry. */
    String reason();
  }

  /** Stop trying. */
  record GiveUp(String reason) implements Verdict {}

  /**
   * Try again {@code after} this long; {@code pauseEnds} is when the platform's requested pause for
   * the conversation ends, if it asked for one. {@code unanswered}: the post went out and may be
   * there.
   */
  record Retry(String reason, Duration after, Optional<Instant> pauseEnds, boolean unanswered)
      implements Verdict {}

  private final DeliveryPolicy policy;
  private final DoubleSupplier jitter;

  /** {@code jitter} gives numbers in [0, 1) that spread the retries of entries failing together. */
  FailurePolicy(DeliveryPolicy policy, DoubleSupplier jitter) {
    this.policy = policy;
    this.jitter = jitter;
  }

  Verdict judge(OutboxEntry entry, DeliveryFailure failure, Instant now) {
    String said = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    boolean givingUp =
        Duration.between(entry.state().createdAt(), now).compareTo(policy.giveUpAfter()) > 0;
    boolean unanswered =
        failure.outcomeUnknown() && !(entry.payload() instanceof OutboxEntry.RefreshCard);
    if (unanswered) {
      // It may have arrived: the next attempt looks it up before posting (never given up unseen).
      givingUp = givingUp && OutcomeMark.of(entry) instanceof OutcomeMark.Unanswered;
    }
    String reason = unanswered ? OutcomeMark.unansweredAt(now, said) : said;
    if (failure.permanent() || givingUp) {
      return new GiveUp(reason);
    }
    Duration wait = policy.backoff(entry.state().attempts() + 1, jitter.getAsDouble());
    Optional<Instant> pauseEnds = Optional.empty();
    if (failure.retryAfter().isPresent()) {
      pauseEnds = Optional.of(now.plus(failure.retryAfter().get()));
      if (failure.retryAfter().get().compareTo(wait) > 0) {
        wait = failure.retryAfter().get();
      }
    }
    return new Retry(reason, wait, pauseEnds, unanswered);
  }
}
