package dev.followupbot.core.service;

import dev.followupbot.core.domain.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A change someone asks of a case: the same set for chat commands, buttons and the REST API. */
public sealed interface CaseChange {

  /** The verb as people read it: "claim", "resolve", … */
  String verb();

  record Claim() implements CaseChange {
    @Override
    public String verb() {
      return "claim";
    }
  }

  record Release() implements CaseChange {
    @Override
    public String verb() {
      return "release";
    }
  }

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

  record Wait(Optional<Instant> until) implements CaseChange {
    public Wait {
      Objects.requireNonNull(until, "until");
    }

    @Override
    public String verb() {
      return "wait";
    }
  }

  record Resume() implements CaseChange {
    @Override
    public String verb() {
      return "resume";
    }
  }

  record Resolve(Optional<String> note) implements CaseChange {
    public Resolve {
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String verb() {
      return "resolve";
    }
  }

  record Reopen(Optional<String> reason) implements CaseChange {
    public Reopen {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String verb() {
      return "reopen";
    }
  }

  record Close() implements CaseChange {
    @Override
    public String verb() {
      return "close";
    }
  }

  record Progress(Optional<String> note) implements CaseChange {
    public Progress {
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String verb() {
      return "report progress on";
    }
  }

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
}
