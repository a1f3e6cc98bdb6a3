package dev.followupbot.app.console;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.Answer;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.api.Turn;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.Caller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A local chat with the bot, one line per message, as a user of the local tenant (Errbot's text
 * backend and Hubot's shell adapter are the models). Works interactively and piped; ends at end of
 * input or on {@code quit}.
 */
public final class ConsoleChat {

  public static final String CHANNEL = "console";

  private final InboundTurns inbound;
  private final ConsoleOutput output;
  private final ConsoleConversation conversation;
  private Caller me;
  private final boolean echo;

  public ConsoleChat(
      FollowupCore core, ConsoleOutput output, String user, ZoneId zone, boolean echo) {
    this(core, output, user, zone, echo, Clock.systemUTC());
  }

  /** The chat with {@code clock} stamping what people post in {@code #console}. */
  public ConsoleChat(
      FollowupCore core,
      ConsoleOutput output,
      String user,
      ZoneId zone,
      boolean echo,
      Clock clock) {
    this.output = output;
    this.me = new Caller(TenantId.CONSOLE, user, user, zone, CHANNEL);
    // One person at one keyboard: every line is the console tenant's, and what a command queued
    // is delivered (printed) before its answer.
    this.inbound = core.inbound(new ConsoleTenant(), Runnable::run);
    this.echo = echo;
    this.conversation = new ConsoleConversation(inbound, core.cases(), output, clock);
  }

  /** Reads lines until the input ends or the person quits. */
  public void run(InputStream in) throws IOException {
    output.line(
        "followup-bot console: you are "
            + me.userId()
            + " ("
            + me.zone().getId()
            + "). Type help for commands, :N to click button N, quit to leave.");
    output.line(ConsoleConversation.USAGE);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("quit") || lower.equals("exit") || lower.equals("\\q")) {
        break;
      }
      if (echo) {
        output.line(me.userId() + "> " + text);
      }
      Optional<String> command = click(text);
      if (text.startsWith(":") && command.isEmpty()) {
        output.line("  There is no button " + text.substring(1) + " on the last message.");
        continue;
      }
      say(command.orElse(text));
    }
  }

  /**
   * Handles one line as the console user: the channel's own words ({@code as}, {@code say}, {@code
   * reply}, {@code react}) first, else a command, whose queued messages print before its reply.
   */
  public void say(String text) {
    String[] words = text.strip().split("\\s+", 2);
    String rest = words.length > 1 ? words[1] : "";
    switch (words[0].toLowerCase(Locale.ROOT)) {
      case "as":
        become(rest.strip());
        return;
      case "say":
        conversation.say(me, rest);
        return;
      case "reply":
        conversation.reply(me, rest);
        return;
      case "react":
        conversation.react(me, rest);
        return;
      default:
        command(text);
    }
  }

  private void become(String user) {
    String name = user.replaceAll("[^\\p{L}\\p{N}._'-]", "");
    if (name.isEmpty()) {
      output.line("  Usage: as <user>, e.g. as carol");
      return;
    }
    me = new Caller(TenantId.CONSOLE, name, name, me.zone(), CHANNEL);
    output.line("  You are " + name + " now.");
  }

  private void command(String text) {
    Handled handled = inbound.take(Turn.command(CHANNEL, text), tenant -> me, Answer.IN_ACK);
    if (handled instanceof Handled.Routed routed) {
      output.print(null, routed.reply().message());
    }
  }

  private Optional<String> click(String text) {
    if (!text.matches(":\\d{1,2}")) {
      return Optional.empty();
    }
    return output.button(Integer.parseInt(text.substring(1)));
  }

  /** The console serves its one tenant. */
  private static final class ConsoleTenant implements TenantGuard {
    @Override
    public Optional<TenantId> admit(String platformTenant) {
      return Optional.of(TenantId.CONSOLE);
    }

    @Override
    public Message refusal() {
      return Message.text("");
    }
  }
}
