package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.Event;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.service.ChannelPost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel messages ({@code message.channels}, {@code message.groups}): each becomes a {@link
 * ChannelPost} for the conversation rules, keyed by its channel and {@code ts} so Slack's retries
 * and the copy another node got have one effect. Bolt gives plain messages and first messages with
 * a file ({@code file_share}) their own types; bots' messages, edits and deletions have other
 * subtypes and are acknowledged without effect. A message that mentions the bot is a command for
 * {@link MentionListener}, not a case.
 */
final class ConversationListener {

  private static final Logger log = LoggerFactory.getLogger(ConversationListener.class);

  private final SlackWorkspace workspace;
  private final InboundEvents events;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final CaseMirror mirror;

  ConversationListener(
      SlackWorkspace workspace,
      InboundEvents events,
      SlackCallers callers,
      InboundTurns inbound,
      CaseMirror mirror) {
    this.workspace = workspace;
    this.events = events;
    this.callers = callers;
    this.inbound = inbound;
    this.mirror = mirror;
  }

  /** {@code message} events without a subtype. */
  BoltEventHandler<MessageEvent> messages() {
    return on(Message::of);
  }

  /** First messages that carry a file. */
  BoltEventHandler<MessageFileShareEvent> fileShares() {
    return on(Message::of);
  }

  /** What both message types carry that the conversation rules read. */
  private record Message(
      String channel,
      String ts,
      String threadTs,
      String user,
      String userTeam,
      boolean fromBot,
      String text) {

    static Message of(MessageEvent e) {
      return new Message(
          e.getChannel(),
          e.getTs(),
          e.getThreadTs(),
          e.getUser(),
          e.getTeam(),
          e.getBotId() != null || e.getBotProfile() != null,
          e.getText());
    }

    /** File shares carry no user team; they are taken as the workspace's own. */
    static Message of(MessageFileShareEvent e) {
      return new Message(
          e.getChannel(),
          e.getTs(),
          e.getThreadTs(),
          e.getUser(),
          null,
          Boolean.TRUE.equals(e.getDisplayAsBot()),
          e.getText());
    }
  }

  private <E extends Event> BoltEventHandler<E> on(Function<E, Message> read) {
    return (payload, ctx) -> {
      E e = payload.getEvent();
      return e == null ? ctx.ack() : hear(payload, ctx, read.apply(e));
    };
  }

  private Response hear(EventsApiPayload<?> payload, EventContext ctx, Message m) {
    Optional<Instant> postedAt = instant(m.ts());
    if (m.channel() == null || m.user() == null || postedAt.isEmpty()) {
      log.info("ignored a message event without a channel, user or ts");
      return ctx.ack();
    }
    if (m.text() != null && m.text().contains("<@" + workspace.botUserId())) {
      return ctx.ack(); // a command; the app_mention event carries it
    }
    ChannelPost post =
        new ChannelPost(
            m.channel(),
            m.ts(),
            Optional.ofNullable(m.threadTs()),
            m.user(),
            m.userTeam() != null && !m.userTeam().equals(workspace.teamId()),
            m.fromBot(),
            SlackText.toCore(m.text() == null ? "" : m.text()),
            postedAt.get(),
            Optional.of(permalink(m.channel(), m.ts())));
    Handled handled =
        inbound.post(
            InboundEvents.authorizingTeam(payload),
            new EventKey("slack", workspace.teamId(), "message:" + m.channel() + ":" + m.ts()),
            tenant -> callers.quickly(m.user(), m.channel()),
            post);
    if (handled instanceof Handled.NotServed) {
      events.notServed(payload);
    } else if (handled instanceof Handled.Heard heard) {
      mirror.show(heard.outcome());
    }
    return ctx.ack();
  }

  /** A Slack {@code ts} ("1700000000.123456") as the instant it names. */
  static Optional<Instant> instant(String ts) {
    if (ts == null || !ts.matches("\\d{1,12}(\\.\\d{1,6})?")) {
      return Optional.empty();
    }
    BigDecimal seconds = new BigDecimal(ts);
    long whole = seconds.longValue();
    long micros = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(6).longValue();
    return Optional.of(Instant.ofEpochSecond(whole, micros * 1000));
  }

  /** The message's link; Slack sends whoever opens it to their workspace. */
  static String permalink(String channel, String ts) {
    return "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
  }
}
