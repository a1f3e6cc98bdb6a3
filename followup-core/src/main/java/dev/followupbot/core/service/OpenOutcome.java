package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import java.util.List;
import java.util.Objects;

/** What {@link CaseService#openOrUpdate} did: opened a new case, or updated the one it names. */
public sealed interface OpenOutcome {

  /** A new case; {@code deliveries} post its card. */
  record Opened(SupportCase opened, List<Long> deliveries) implements OpenOutcome {
    public Opened {
      Objects.requireNonNull(opened, "opened");
      deliveries = List.copyOf(deliveries);
    }
  }

  /** The helpdesk reference named an existing case; this is what the update did. */
  record Updated(CaseOutcome outcome) implements OpenOutcome {
    public Updated {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
