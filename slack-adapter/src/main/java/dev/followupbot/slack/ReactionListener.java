package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.Message;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.ChannelPost;
import dev.followupbot.core.service.ChannelReaction;
import dev.followupbot.core.service.ConversationIntake;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reaction_added} on a message: the conversation rules decide what a team member's 🎫, 👀 or
 * ✅ does. A 🎫 opens a case from the message's thread root, which is read with
 * conversations.replies before the event is acknowledged, so the case is stored when Slack hears
 * back. Removing a reaction changes nothing, so {@code reaction_removed} is acknowledged only.
 */
final class ReactionListener implements BoltEventHandler<ReactionAddedEvent> {

  private static final Logger log = LoggerFactory.getLogger(ReactionListener.class);

  private final SlackWorkspace workspace;
  private final InboundEvents events;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final SlackThreads threads;
  private final CaseMirror mirror;

  ReactionListener(
      SlackWorkspace workspace,
      InboundEvents events,
      SlackCallers callers,
      InboundTurns inbound,
      SlackThreads threads,
      CaseMirror mirror) {
    this.workspace = workspace;
    this.events = events;
    this.callers = callers;
    this.inbound = inbound;
    this.threads = threads;
    this.mirror = mirror;
  }

  @Override
  public Response apply(EventsApiPayload<ReactionAddedEvent> payload, EventContext ctx) {
    ReactionAddedEvent e = payload.getEvent();
    if (e == null
        || e.getUser() == null
        || e.getReaction() == null
        || e.getItem() == null
        || !"message".equals(e.getItem().getType())
        || e.getItem().getChannel() == null
        || e.getItem().getTs() == null) {
      return ctx.ack();
    }
    String channel = e.getItem().getChannel();
    String ts = e.getItem().getTs();
    // Skin tones are the same reaction: "eyes::skin-tone-2" is "eyes".
    String name = e.getReaction().split("::", 2)[0];
    Handled handled =
        inbound.react(
            InboundEvents.authorizingTeam(payload),
            new EventKey(
                "slack",
                workspace.teamId(),
                "reaction:" + channel + ":" + ts + ":" + name + ":" + e.getUser()),
            tenant -> callers.quickly(e.getUser(), channel),
            new ChannelReaction(
                channel,
                ts,
                e.getUser(),
                () -> callers.fromElsewhere(e.getUser(), workspace.teamId()),
                name,
                true),
            tenant -> root(channel, ts).map(m -> opening(channel, m)));
    if (handled instanceof Handled.NotServed) {
      events.notServed(payload);
    } else if (handled instanceof Handled.Heard heard) {
      mirror.show(heard.outcome());
    }
    return ctx.ack();
  }

  private Optional<Message> root(String channel, String ts) {
    try {
      return threads
          .root(channel, ts)
          .filter(m -> m.getUser() != null && ConversationListener.instant(m.getTs()).isPresent());
    } catch (DeliveryFailure failure) {
      log.warn(
          "could not read message {} in {} to open a case: {}", ts, channel, failure.getMessage());
      return Optional.empty();
    }
  }

  private ConversationIntake.Opening opening(String channel, Message m) {
    ChannelPost root =
        new ChannelPost(
            channel,
            m.getTs(),
            Optional.empty(),
            m.getUser(),
            m.getTeam() != null && !m.getTeam().equals(workspace.teamId()),
            m.getBotId() != null,
            SlackText.toCore(m.getText() == null ? "" : m.getText()),
            ConversationListener.instant(m.getTs()).orElseThrow(),
            Optional.of(ConversationListener.permalink(channel, m.getTs())));
    return new ConversationIntake.Opening(root, callers.quickly(m.getUser(), channel));
  }
}
