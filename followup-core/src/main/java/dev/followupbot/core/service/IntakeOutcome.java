package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import java.util.List;

/** What a message or a reaction did to the cases: the adapter mirrors it and logs the rest. */
public sealed interface IntakeOutcome {

  /** The outbox entries to deliver once the platform has its acknowledgement. */
  default List<Long> deliveries() {
    return List.of();
  }

  /** The message opened a case; its card goes into the message's thread. */
  record Opened(SupportCase opened, List<Long> deliveries) implements IntakeOutcome {}

  /** A requester's follow-up message joined their case of a moment ago. */
  record Joined(SupportCase joined) implements IntakeOutcome {}

  /** The message or reaction changed a case. */
  record Changed(CaseOutcome.Applied applied) implements IntakeOutcome {
    @Override
    public List<Long> deliveries() {
      return applied.deliveries();
    }
  }

  /** A pleasantry while the case waited on its requester: its owner is asked whether to resolve. */
  record Prompted(SupportCase asked, List<Long> deliveries) implements IntakeOutcome {}

  /** Nothing changed, for the reason given (for the log). */
  record Ignored(String why) implements IntakeOutcome {}
}
