package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.followupbot.core.api.Answer;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Turn;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.Reply;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @followup <command>} in a channel: the same grammar as the slash command. The command runs
 * before the event is acknowledged (so its effect is stored), and the answer goes to the speaker
 * alone with chat.postEphemeral afterwards, in the thread if the mention was in one.
 */
final class MentionListener implements BoltEventHandler<AppMentionEvent> {

  private static final Logger log = LoggerFactory.getLogger(MentionListener.class);

  private final SlackWorkspace workspace;
  private final InboundEvents events;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final Pattern botMention;

  MentionListener(
      SlackWorkspace workspace,
      InboundEvents events,
      SlackCallers callers,
      InboundTurns inbound,
      BlockKitRenderer renderer,
      SlackWebApi api) {
    this.workspace = workspace;
    this.events = events;
    this.callers = callers;
    this.inbound = inbound;
    this.renderer = renderer;
    this.api = api;
    this.botMention = Pattern.compile("<@" + Pattern.quote(workspace.botUserId()) + "(\\|[^>]*)?>");
  }

  @Override
  public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
    AppMentionEvent event = payload.getEvent();
    if (event == null || event.getUser() == null || event.getBotId() != null) {
      return ctx.ack();
    }
    Optional<EventKey> key = events.key(payload);
    if (key.isEmpty()) {
      return ctx.ack();
    }
    String text = SlackText.toCore(command(event.getText()));
    Handled handled =
        inbound.take(
            new Turn(InboundEvents.authorizingTeam(payload), key, text, List.of()),
            tenant -> {
              callers.learnMentioned(text);
              return callers.quickly(event.getUser(), event.getChannel());
            },
            new Answer() {
              @Override
              public void beforeDeliveries(Reply reply) {
                answer(event, event.getThreadTs(), reply);
              }
            });
    if (handled instanceof Handled.NotServed) {
      events.notServed(payload);
    }
    return ctx.ack();
  }

  /**
   * The command in a mention: what follows the bot's name ("hey @followup claim 3" is "claim 3"),
   * or, when nothing follows it, the text without it ("claim 3 @followup").
   */
  String command(String text) {
    if (text == null) {
      return "";
    }
    java.util.regex.Matcher m = botMention.matcher(text);
    if (!m.find()) {
      return text.strip();
    }
    String after = text.substring(m.end()).strip();
    if (!after.isEmpty()) {
      return after;
    }
    return text.substring(0, m.start()).strip();
  }

  private void answer(AppMentionEvent event, String thread, Reply reply) {
    BlockKitRenderer.Rendered answer = renderer.message(reply.message());
    try {
      if (reply.visibility() == Reply.Visibility.CHANNEL) {
        api.postMessage(event.getChannel(), answer);
      } else {
        api.postEphemeral(event.getChannel(), event.getUser(), thread, answer);
      }
    } catch (DeliveryFailure e) {
      log.warn(
          "could not answer {}'s mention in {} (team {}): {}",
          event.getUser(),
          event.getChannel(),
          workspace.teamId(),
          e.getMessage());
    }
  }
}
