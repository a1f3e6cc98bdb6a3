package dev.followupbot.core.domain;

import java.util.Objects;

/** The outcome of asking a case to change: the changed case and its history entry, or a refusal. */
public sealed interface Transition {

  record Applied(SupportCase after, CaseEvent event) implements Transition {
    public Applied {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(event, "event");
    }
  }

  record Refused(Refusal refusal) implements Transition {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }
  }
}
