package dev.followupbot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.followupbot.core.api.Answer;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Turn;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.Reply;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on one of our buttons. The button's value is a command in the shared grammar; it runs as
 * the person who clicked, before the click is acknowledged. Afterwards:
 *
 * <ul>
 *   <li>the clicker gets the answer privately (a refusal says who can do it);
 *   <li>the clicked message is replaced by what the core says it should now show: chat.update for a
 *       normal message, the {@code response_url} for a private one, and a fresh publish for the
 *       Home tab;
 *   <li>whatever the command queued is delivered.
 * </ul>
 */
final class ButtonListener implements BlockActionHandler {

  private static final Logger log = LoggerFactory.getLogger(ButtonListener.class);

  private final SlackWorkspace workspace;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final ResponseUrls responseUrls;
  private final HomeTab home;
  private final AfterAck afterAck;

  ButtonListener(
      SlackWorkspace workspace,
      SlackCallers callers,
      InboundTurns inbound,
      BlockKitRenderer renderer,
      SlackWebApi api,
      ResponseUrls responseUrls,
      HomeTab home,
      AfterAck afterAck) {
    this.workspace = workspace;
    this.callers = callers;
    this.inbound = inbound;
    this.renderer = renderer;
    this.api = api;
    this.responseUrls = responseUrls;
    this.home = home;
    this.afterAck = afterAck;
  }

  /** Where the clicked button was. */
  private record Clicked(
      String userId,
      Optional<String> channel,
      Optional<String> messageTs,
      boolean ephemeral,
      boolean onHome,
      Optional<String> responseUrl) {}

  @Override
  public Response apply(BlockActionRequest request, ActionContext ctx) {
    BlockActionPayload p = request.getPayload();
    if (p == null
        || p.getUser() == null
        || p.getActions() == null
        || p.getActions().isEmpty()
        || p.getActions().get(0).getValue() == null) {
      return ctx.ack();
    }
    Clicked clicked = where(p);
    String team = p.getTeam() != null ? p.getTeam().getId() : p.getUser().getTeamId();
    String command = p.getActions().get(0).getValue();
    Handled handled =
        inbound.take(
            Turn.command(team, command),
            tenant -> callers.quickly(clicked.userId(), clicked.channel().orElse(null)),
            new Answer() {
              @Override
              public void beforeDeliveries(Reply reply) {
                tell(clicked, reply.message());
              }

              @Override
              public void afterDeliveries(Reply reply) {
                if (clicked.onHome()) {
                  home.publish(clicked.userId(), Optional.of(reply.message()));
                } else {
                  reply.update().ifPresent(now -> replaceClicked(clicked, now));
                }
              }
            });
    if (handled instanceof Handled.NotServed notServed) {
      afterAck.run(() -> tell(clicked, notServed.refusal()));
    }
    return ctx.ack();
  }

  /** Shows the clicker a message only they see. */
  private void tell(Clicked clicked, Message message) {
    BlockKitRenderer.Rendered answer = renderer.message(message);
    if (clicked.onHome()) {
      return;
    }
    if (clicked.responseUrl().isPresent()
        && responseUrls.post(
            clicked.responseUrl().get(),
            ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(false)
                .text(answer.text())
                .blocks(answer.blocks())
                .build())) {
      return;
    }
    if (clicked.channel().isPresent()) {
      try {
        api.postEphemeral(clicked.channel().get(), clicked.userId(), null, answer);
      } catch (DeliveryFailure e) {
        log.warn("could not answer {}'s click: {}", clicked.userId(), e.getMessage());
      }
    }
  }

  private void replaceClicked(Clicked clicked, Message now) {
    BlockKitRenderer.Rendered rendered = renderer.message(now);
    if (clicked.ephemeral()) {
      if (clicked.responseUrl().isEmpty()
          || !responseUrls.post(
              clicked.responseUrl().get(),
              ActionResponse.builder()
                  .replaceOriginal(true)
                  .text(rendered.text())
                  .blocks(rendered.blocks())
                  .build())) {
        log.info("could not replace {}'s private message after a click", clicked.userId());
      }
      return;
    }
    if (clicked.channel().isEmpty() || clicked.messageTs().isEmpty()) {
      return;
    }
    try {
      api.update(new MessageRef(clicked.channel().get(), clicked.messageTs().get()), rendered);
    } catch (DeliveryFailure e) {
      log.warn(
          "could not update the clicked message in {} (team {}): {}",
          clicked.channel().get(),
          workspace.teamId(),
          e.getMessage());
    }
  }

  private static Clicked where(BlockActionPayload p) {
    BlockActionPayload.Container c = p.getContainer();
    boolean onHome =
        (c != null && "view".equals(c.getType()))
            || (p.getView() != null && "home".equals(p.getView().getType()));
    Optional<String> channel =
        Optional.ofNullable(c == null ? null : c.getChannelId())
            .or(() -> Optional.ofNullable(p.getChannel()).map(BlockActionPayload.Channel::getId));
    Optional<String> ts =
        Optional.ofNullable(c == null ? null : c.getMessageTs())
            .or(() -> Optional.ofNullable(p.getMessage()).map(m -> m.getTs()));
    return new Clicked(
        p.getUser().getId(),
        channel,
        ts,
        c != null && c.isEphemeral(),
        onHome,
        Optional.ofNullable(p.getResponseUrl()).filter(u -> !u.isBlank()));
  }
}
