package dev.followupbot.core.domain;

import java.time.Instant;

/** Why an ownership change was not made. The service turns each into a courteous sentence. */
public sealed interface Refusal {

  /** Someone else owns the case; hand-offs go through its owner. */
  record OwnedBySomeoneElse(String ownerId, Instant since) implements Refusal {}

  /** The caller already owns it: nothing to do. */
  record AlreadyYours() implements Refusal {}

  /** Only the owner (or an admin) may do this. */
  record OwnerOnly(String ownerId) implements Refusal {}

  /** The case has no owner, and this needs one. */
  record NotClaimed() implements Refusal {}

  /** The case is resolved or closed; reopen it first. */
  record NotOpen(CaseStatus status) implements Refusal {}

  /** The case is in a state where this makes no sense (resuming a case that is not waiting). */
  record WrongState(CaseStatus status) implements Refusal {}

  /** The case is already assigned to that person. */
  record AlreadyAssigned(String ownerId) implements Refusal {}

  /** An edit that would leave the case as it is. */
  record NothingToChange() implements Refusal {}
}
