package dev.followupbot.core.command;

import dev.followupbot.core.when.WhenContext;
import java.util.List;

/**
 * One word of the vocabulary, stated once: its name, the other words that mean it, how it is
 * written in help, and the grammar that reads its arguments.
 */
record Verb(
    String name,
    List<String> aliases,
    String syntax,
    String summary,
    String example,
    Grammar grammar) {

  Verb {
    aliases = List.copyOf(aliases);
  }

  /** Reads the words after the verb; a mistake is an {@link ParseResult.Invalid}, never thrown. */
  @FunctionalInterface
  interface Grammar {
    ParseResult read(String verb, List<Token> args, WhenContext when);
  }

  // Built on each call: a CommandSpec made while Vocabulary initializes would start CommandSpec's
  // own initialization, which reads Vocabulary.
  CommandSpec spec() {
    return new CommandSpec(name, syntax, summary, example);
  }
}
