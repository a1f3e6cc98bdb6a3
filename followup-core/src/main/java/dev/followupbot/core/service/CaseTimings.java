package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.sla.SlaClock;
import java.util.List;

/** What an applied case change tells the metrics: how long something took. */
final class CaseTimings {

  private final CaseRepository cases;
  private final CoreMetrics metrics;

  CaseTimings(CaseRepository cases, CoreMetrics metrics) {
    this.cases = cases;
    this.metrics = metrics;
  }

  /** Times the change ended: to claim (since last left unclaimed), to resolve, to an answer. */
  void count(CaseOutcome.Applied applied) {
    SupportCase before = applied.before();
    SupportCase after = applied.after();
    if (before.ownerId().isEmpty() && after.ownerId().isPresent() && before.status().isOpen()) {
      metrics.claimed(java.time.Duration.between(before.lastActivityAt(), applied.event().at()));
    }
    if (applied.event().action() == CaseAction.RESOLVED) {
      metrics.resolved(java.time.Duration.between(after.createdAt(), applied.event().at()));
    }
    if (before.firstResponseAt().isEmpty() && after.firstResponseAt().isPresent()) {
      metrics.firstResponse(
          java.time.Duration.between(after.createdAt(), after.firstResponseAt().get()));
    } else if (before.firstResponseAt().isPresent()
        && before.status() != CaseStatus.WAITING_ON_CUSTOMER
        && SlaClock.answers(applied.event())) {
      // Only an answer after the customer wrote again reads the history.
      List<CaseEvent> history = cases.history(after.tenant(), after.id());
      SlaClock.unansweredSince(history.subList(0, Math.max(0, history.size() - 1)))
          .ifPresent(
              since ->
                  metrics.nextResponse(java.time.Duration.between(since, applied.event().at())));
    }
  }
}
