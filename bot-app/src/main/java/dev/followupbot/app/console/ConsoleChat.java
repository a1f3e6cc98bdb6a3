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
  private final Caller me;
  private final boolean echo;

  public ConsoleChat(
      FollowupCore core, ConsoleOutput output, String user, ZoneId zone, boolean echo) {
    this.output = output;
    this.me = new Caller(TenantId.CONSOLE, user, user, zone, CHANNEL);
    // One person at one keyboard: every line is the console tenant's, and what a command queued
    // is delivered (printed) before its answer.
    this.inbound = core.inbound(new ConsoleTenant(), Runnable::run);
    this.echo = echo;
  }

  /** Reads lines until the input ends or the person quits. */
  public void run(InputStream in) throws IOException {
    output.line(
        "followup-bot console: you are "
            + me.userId()
            + " ("
            + me.zone().getId()
            + "). Type help for commands, :N to click button N, quit to leave.");
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

  /** Handles one line as the console user: queued messages print first, then the reply. */
  public void say(String text) {
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
