package dev.followupbot.app.console;

import dev.followupbot.core.api.Cases;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.ChannelPost;
import dev.followupbot.core.service.ChannelReaction;
import dev.followupbot.core.service.IntakeOutcome;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's channel, {@code #console}, as a conversation: {@code say} posts a top-level
 * message, {@code reply} writes in a case's thread, and {@code react} adds an emoji to a case's
 * message, so cases from conversations can be tried without a workspace.
 */
final class ConsoleConversation {

  static final String USAGE =
      "In #console: say <text> posts a message, reply <case> <text> writes in its thread,"
          + " react <case> :eyes: reacts, as <user> switches person.";

  private final InboundTurns inbound;
  private final Cases cases;
  private final ConsoleOutput output;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  ConsoleConversation(InboundTurns inbound, Cases cases, ConsoleOutput output, Clock clock) {
    this.inbound = inbound;
    this.cases = cases;
    this.output = output;
    this.clock = clock;
  }

  void say(Caller me, String text) {
    if (text.isBlank()) {
      output.line("  Say what? For example: say The export fails since this morning");
      return;
    }
    ChannelPost post = post(me, Optional.empty(), text);
    show(inbound.post(ConsoleChat.CHANNEL, key(post.messageId()), tenant -> me, post));
  }

  void reply(Caller me, String rest) {
    String[] parts = rest.strip().split("\\s+", 2);
    Optional<String> root = parts[0].isEmpty() ? Optional.empty() : rootOf(parts[0]);
    if (root.isEmpty() || parts.length < 2) {
      output.line("  Usage: reply <case number> <text>, e.g. reply 1 Could you send a screenshot?");
      return;
    }
    ChannelPost post = post(me, root, parts[1]);
    show(inbound.post(ConsoleChat.CHANNEL, key(post.messageId()), tenant -> me, post));
  }

  void react(Caller me, String rest) {
    String[] parts = rest.strip().split("\\s+", 2);
    Optional<String> root = parts[0].isEmpty() ? Optional.empty() : rootOf(parts[0]);
    if (root.isEmpty() || parts.length < 2 || !parts[1].strip().matches(":[a-z0-9_+-]+:")) {
      output.line("  Usage: react <case number> :emoji:, e.g. react 1 :eyes:");
      return;
    }
    String name = parts[1].strip().replace(":", "");
    ChannelReaction reaction =
        new ChannelReaction(ConsoleChat.CHANNEL, root.get(), me.userId(), false, name, true);
    Handled handled =
        inbound.react(
            ConsoleChat.CHANNEL,
            key(root.get() + ":" + name + ":" + me.userId()),
            tenant -> me,
            reaction,
            tenant -> Optional.empty());
    show(handled);
  }

  /** The message a case's thread hangs from: the one it came from, else its card. */
  private Optional<String> rootOf(String number) {
    if (!number.matches("#?\\d{1,9}")) {
      return Optional.empty();
    }
    Optional<SupportCase> c =
        cases.findByNumber(TenantId.CONSOLE, Integer.parseInt(number.replace("#", "")));
    return c.flatMap(
        found ->
            found
                .source()
                .map(CaseSource::messageId)
                .or(() -> found.card().map(MessageRef::messageId)));
  }

  private ChannelPost post(Caller me, Optional<String> root, String text) {
    // Unique across runs on the same database: a message belongs to one case for good.
    String id = "m" + clock.millis() + "-" + sequence.incrementAndGet();
    return new ChannelPost(
        ConsoleChat.CHANNEL,
        id,
        root,
        me.userId(),
        false,
        false,
        text,
        clock.instant(),
        Optional.empty());
  }

  /** What the message did, as the channel would show it: the card changes in place there. */
  private void show(Handled handled) {
    if (handled instanceof Handled.Heard heard) {
      IntakeOutcome outcome = heard.outcome();
      if (outcome instanceof IntakeOutcome.Joined joined) {
        output.line("  (added to case #" + joined.joined().number() + ")");
      } else if (outcome instanceof IntakeOutcome.Changed changed) {
        SupportCase c = changed.applied().after();
        output.line(
            "  (case #"
                + c.number()
                + " is "
                + c.status().label()
                + c.ownerId().map(o -> ", owned by " + o).orElse("")
                + ")");
      } else if (outcome instanceof IntakeOutcome.Ignored ignored) {
        output.line("  (" + ignored.why() + ")");
      }
    }
  }

  private static EventKey key(String id) {
    return new EventKey("console", ConsoleChat.CHANNEL, id);
  }
}
