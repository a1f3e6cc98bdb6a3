package dev.followupbot.core.service;

import dev.followupbot.core.domain.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A change someone asks of a case: the same set for chat commands, buttons and the REST API. */
public sealed interface CaseChange {

  /** The verb as people read it: "claim", "resolve", … */
  String verb();

  /** The actor takes an unclaimed case. */
  record Claim() implements CaseChange {
    @Override
    public String verb() {
      return "claim";
    }
  }

  /** The owner (or an admin) gives the case back to the team. */
  record Release() implements CaseChange {
    @Override
    public String verb() {
      return "release";
    }
  }

  /** Hands the case to someone, who is told in a direct message. */
  record Assign(String assigneeId, Optional<String> reason) implements CaseChange {
    public Assign {
      Objects.requireNonNull(assigneeId, "assigneeId");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String verb() {
      return "assign";
    }
  }

  /** The owner answered and waits on the customer, optionally until an instant. */
  record Wait(Optional<Instant> until) implements CaseChange {
    public Wait {
      Objects.requireNonNull(until, "until");
    }

    @Override
    public String verb() {
      return "wait";
    }
  }

  /** The customer replied; the case is in progress again. */
  record Resume() implements CaseChange {
    @Override
    public String verb() {
      return "resume";
    }
  }

  /** Solves the case, with an optional note. */
  record Resolve(Optional<String> note) implements CaseChange {
    public Resolve {
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String verb() {
      return "resolve";
    }
  }

  /** Brings a resolved or closed case back, with an optional reason. */
  record Reopen(Optional<String> reason) implements CaseChange {
    public Reopen {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String verb() {
      return "reopen";
    }
  }

  /** Files a resolved case away. */
  record Close() implements CaseChange {
    @Override
    public String verb() {
      return "close";
    }
  }

  /** The owner is still on it (resets the quiet-case nudge). */
  record Progress(Optional<String> note) implements CaseChange {
    public Progress {
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String verb() {
      return "report progress on";
    }
  }

  /** The owner answered the customer (the first time, the first response). */
  record Answered(Optional<String> note) implements CaseChange {
    public Answered {
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String verb() {
      return "record an answer on";
    }
  }

  /**
   * New values for what the case is about; an empty field keeps the case's value. {@code
   * removeCustomer} clears the customer.
   */
  record Edit(
      Optional<String> subject,
      Optional<String> customer,
      boolean removeCustomer,
      Optional<Priority> priority)
      implements CaseChange {
    public Edit {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(priority, "priority");
    }

    @Override
    public String verb() {
      return "update";
    }
  }

  /**
   * A team member wrote in the case's thread at {@code at}: the first time, that is the first
   * response, and with {@code claims} the writer takes an unclaimed case.
   */
  record TeamReplied(Instant at, boolean claims) implements CaseChange {
    public TeamReplied {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String verb() {
      return "reply";
    }
  }

  /**
   * The customer wrote in the case's thread at {@code at}: the team's turn again, and a resolved
   * case reopens within {@code reopenWithin} of its resolution.
   */
  record CustomerReplied(Instant at, java.time.Duration reopenWithin) implements CaseChange {
    public CustomerReplied {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reopenWithin, "reopenWithin");
    }

    @Override
    public String verb() {
      return "reply";
    }
  }

  /** The customer wrote only a pleasantry at {@code at} while the case waited on them. */
  record CustomerAcknowledged(Instant at) implements CaseChange {
    public CustomerAcknowledged {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String verb() {
      return "reply";
    }
  }

  /** The requester has been silent since {@code since}: resolve the case on its own. */
  record SilenceOver(Instant since) implements CaseChange {
    public SilenceOver {
      Objects.requireNonNull(since, "since");
    }

    @Override
    public String verb() {
      return "resolve";
    }
  }
}
