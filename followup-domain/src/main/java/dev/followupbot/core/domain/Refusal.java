package dev.followupbot.core.domain;

import java.time.Instant;

/** Why an ownership change was not made. The service turns each into a courteous sentence. */
public sealed interface Refusal {

  /**
   * A stable name for the refusal, in snake_case, that API clients may rely on: it stays when the
   * record is renamed.
   */
  String code();

  /** Someone else owns the case; hand-offs go through its owner. */
  record OwnedBySomeoneElse(String ownerId, Instant since) implements Refusal {
    @Override
    public String code() {
      return "owned_by_someone_else";
    }
  }

  /** The caller already owns it: nothing to do. */
  record AlreadyYours() implements Refusal {
    @Override
    public String code() {
      return "already_yours";
    }
  }

  /** Only the owner (or an admin) may do this. */
  record OwnerOnly(String ownerId) implements Refusal {
    @Override
    public String code() {
      return "owner_only";
    }
  }

  /** The case has no owner, and this needs one. */
  record NotClaimed() implements Refusal {
    @Override
    public String code() {
      return "not_claimed";
    }
  }

  /** The case is resolved or closed; reopen it first. */
  record NotOpen(CaseStatus status) implements Refusal {
    @Override
    public String code() {
      return "not_open";
    }
  }

  /** The case is in a state where this makes no sense (resuming a case that is not waiting). */
  record WrongState(CaseStatus status) implements Refusal {
    @Override
    public String code() {
      return "wrong_state";
    }
  }

  /** The case is already assigned to that person. */
  record AlreadyAssigned(String ownerId) implements Refusal {
    @Override
    public String code() {
      return "already_assigned";
    }
  }

  /** An edit that would leave the case as it is. */
  record NothingToChange() implements Refusal {
    @Override
    public String code() {
      return "nothing_to_change";
    }
  }
}
