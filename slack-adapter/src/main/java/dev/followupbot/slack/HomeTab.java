package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.CommandRouter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home tab: each time a person opens it, their overview from the core (open cases, pending
 * reminders, unclaimed cases, each with its buttons) is published with views.publish. A click on
 * Home republishes it, with the outcome of the click on top.
 */
final class HomeTab implements BoltEventHandler<AppHomeOpenedEvent> {

  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

  private final InboundEvents events;
  private final InboundTurns inbound;
  private final SlackCallers callers;
  private final CommandRouter commands;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final AfterAck afterAck;

  HomeTab(
      InboundEvents events,
      InboundTurns inbound,
      SlackCallers callers,
      CommandRouter commands,
      BlockKitRenderer renderer,
      SlackWebApi api,
      AfterAck afterAck) {
    this.events = events;
    this.inbound = inbound;
    this.callers = callers;
    this.commands = commands;
    this.renderer = renderer;
    this.api = api;
    this.afterAck = afterAck;
  }

  @Override
  public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
    AppHomeOpenedEvent event = payload.getEvent();
    if (event == null || event.getUser() == null || !"home".equals(event.getTab())) {
      return ctx.ack();
    }
    Optional<EventKey> key = events.key(payload);
    if (key.isEmpty()) {
      return ctx.ack();
    }
    if (inbound.admit(InboundEvents.authorizingTeam(payload), key).isEmpty()) {
      return ctx.ack();
    }
    String user = event.getUser();
    afterAck.run(() -> publish(user, Optional.empty()));
    return ctx.ack();
  }

  /** Publishes the person's Home, with {@code notice} (the answer to a click) on top. */
  void publish(String userId, Optional<Message> notice) {
    Caller caller = callers.patiently(userId, userId);
    Message home = commands.home(caller);
    Message shown = home;
    if (notice.isPresent()) {
      Message.Builder b = Message.builder(home.fallbackText());
      notice.get().blocks().forEach(b::add);
      b.add(new Block.Divider());
      home.blocks().forEach(b::add);
      shown = b.build();
    }
    try {
      api.publishHome(userId, renderer.home(shown));
    } catch (DeliveryFailure e) {
      log.warn("could not publish {}'s Home tab: {}", userId, e.getMessage());
    }
  }
}
