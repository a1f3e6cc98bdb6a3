package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;

/**
 * Answers one type of command for the person who sent it. May throw: the {@link CommandRouter}
 * turns an unexpected failure into an apology with a reference.
 */
@FunctionalInterface
interface CommandHandler<C extends Command> {

  Reply handle(Caller caller, C command);
}
