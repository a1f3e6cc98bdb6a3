package dev.followupbot.core.command;

import java.util.Objects;

/** A command, or a short explanation of what was wrong with the text and how to write it. */
public sealed interface ParseResult {

  record Parsed(Command command) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(command, "command");
    }
  }

  record Invalid(String problem) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(problem, "problem");
    }
  }
}
