package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of a case's append-only history: who changed what, when, and why. */
public record CaseEvent(
    long caseId,
    Instant at,
    String actorId,
    CaseAction action,
    Optional<CaseStatus> fromStatus,
    CaseStatus toStatus,
    Optional<String> fromOwner,
    Optional<String> toOwner,
    Optional<String> reason) {

  public CaseEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fromStatus, "fromStatus");
    Objects.requireNonNull(toStatus, "toStatus");
    Objects.requireNonNull(fromOwner, "fromOwner");
    Objects.requireNonNull(toOwner, "toOwner");
    Objects.requireNonNull(reason, "reason");
  }
}
