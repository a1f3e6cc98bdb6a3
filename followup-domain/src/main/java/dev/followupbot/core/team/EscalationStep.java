package dev.followupbot.core.team;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One step of the escalation chain: {@code after} this much business time, do {@code action}. */
public record EscalationStep(Duration after, EscalationAction action, Optional<String> to) {

  public EscalationStep {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
    if (action == EscalationAction.DM && to.isEmpty()) {
      throw new IllegalArgumentException("a 'dm' step needs 'to': the user id to message");
    }
  }

  public String describe() {
    return "after "
        + Durations.format(after)
        + ": "
        + action.key()
        + to.map(t -> " " + t).orElse("");
  }
}
