package dev.followupbot.core.command;

import java.util.List;
import java.util.Optional;

/** How one command is written, what it does, and an example: the source of help and usage lines. */
public record CommandSpec(String name, String syntax, String summary, String example) {

  /** Every command, in the order {@code help} lists them. */
  public static final List<CommandSpec> ALL = Vocabulary.ALL.stream().map(Verb::spec).toList();

  public static Optional<CommandSpec> named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  /** "Usage: `claim <case>` — e.g. `claim 42`". */
  public String usage() {
    return "Usage: `" + syntax + "`, for example `" + example + "`.";
  }
}
