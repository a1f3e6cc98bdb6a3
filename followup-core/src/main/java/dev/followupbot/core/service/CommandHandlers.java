package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import java.util.HashMap;
import java.util.Map;

/** Which handler answers each type of command: one handler for every {@link Command} type. */
final class CommandHandlers {

  private final Map<Class<?>, CommandHandler<Command>> byType = new HashMap<>();

  <C extends Command> CommandHandlers on(Class<C> type, CommandHandler<? super C> handler) {
    CommandHandler<Command> checked =
        (caller, command) -> handler.handle(caller, type.cast(command));
    if (byType.putIfAbsent(type, checked) != null) {
      throw new IllegalStateException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  /** Fails at start-up, not at a person's first try, when a type of command has no handler. */
  CommandHandlers complete() {
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      if (!byType.containsKey(type)) {
        throw new IllegalStateException("no handler for " + type.getSimpleName());
      }
    }
    return this;
  }

  Reply handle(Caller caller, Command command) {
    CommandHandler<Command> handler = byType.get(command.getClass());
    if (handler == null) {
      throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
    }
    return handler.handle(caller, command);
  }
}
