package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.SupportCase;
import java.util.List;
import java.util.Objects;

/**
 * What became of a requested change: applied (with its history entry and the messages it queued),
 * refused for a reason the domain gives, not found in the caller's workspace, or not settled
 * because the case kept changing under it. Chat turns each into a sentence; the REST API into a
 * status.
 */
public sealed interface CaseOutcome {

  /**
   * The change is stored. {@code deliveries} are outbox entries it queued (card refresh, hand-off
   * note), to deliver after answering; the sweep delivers them anyway.
   */
  record Applied(SupportCase before, SupportCase after, CaseEvent event, List<Long> deliveries)
      implements CaseOutcome {
    public Applied {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(event, "event");
      deliveries = List.copyOf(deliveries);
    }
  }

  /** Nothing changed, for this reason. */
  record Refused(SupportCase current, Refusal refusal) implements CaseOutcome {
    public Refused {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(refusal, "refusal");
    }
  }

  /** No such case in the caller's workspace (another workspace's case is not found either). */
  record NotFound() implements CaseOutcome {}

  /** Others changed the case at every attempt; nothing was changed. */
  record Busy() implements CaseOutcome {}
}
