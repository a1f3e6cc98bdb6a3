package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a case's append-only history: who changed what, when, and why. {@code via} names the
 * way in when it was not chat, for example {@code API} for a change a helpdesk made through the
 * REST API on someone's behalf.
 */
public record CaseEvent(
    long caseId,
    Instant at,
    String actorId,
    CaseAction action,
    Optional<CaseStatus> fromStatus,
    CaseStatus toStatus,
    Optional<String> fromOwner,
    Optional<String> toOwner,
    Optional<String> reason,
    Optional<String> via) {

  public CaseEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fromStatus, "fromStatus");
    Objects.requireNonNull(toStatus, "toStatus");
    Objects.requireNonNull(fromOwner, "fromOwner");
    Objects.requireNonNull(toOwner, "toOwner");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(via, "via");
  }

  /** An entry made in chat. */
  public CaseEvent(
      long caseId,
      Instant at,
      String actorId,
      CaseAction action,
      Optional<CaseStatus> fromStatus,
      CaseStatus toStatus,
      Optional<String> fromOwner,
      Optional<String> toOwner,
      Optional<String> reason) {
    this(
        caseId,
        at,
        actorId,
        action,
        fromStatus,
        toStatus,
        fromOwner,
        toOwner,
        reason,
        Optional.empty());
  }

  /** The same entry, made through another way in than chat. */
  public CaseEvent via(Optional<String> channel) {
    return new CaseEvent(
        caseId, at, actorId, action, fromStatus, toStatus, fromOwner, toOwner, reason, channel);
  }
}
