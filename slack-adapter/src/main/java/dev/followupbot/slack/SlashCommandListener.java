package dev.followupbot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.followupbot.core.api.Answer;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Turn;
import dev.followupbot.core.service.Reply;

/**
 * {@code /followup <command>}: runs the shared grammar as the person who typed it and answers in
 * the acknowledgement itself, privately unless the reply is meant for the channel. Whatever the
 * command queued (a case card, a note to a new owner) is already in the outbox when the answer
 * leaves, and is delivered after it.
 */
final class SlashCommandListener implements SlashCommandHandler {

  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final BlockKitRenderer renderer;
  private final SlackWorkspace workspace;
  private final CaseModalListener forms;

  SlashCommandListener(
      SlackCallers callers,
      InboundTurns inbound,
      BlockKitRenderer renderer,
      SlackWorkspace workspace,
      CaseModalListener forms) {
    this.callers = callers;
    this.inbound = inbound;
    this.renderer = renderer;
    this.workspace = workspace;
    this.forms = forms;
  }

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
    SlashCommandPayload p = request.getPayload();
    String text = SlackText.toCore(p.getText());
    // A bare /followup (or "new" with no subject) opens the new-case form in this channel.
    if ((text.isBlank() || text.strip().equalsIgnoreCase("new"))
        && p.getTriggerId() != null
        && workspace.teamId().equals(p.getTeamId())
        && forms.openNewCaseForm(p.getTriggerId(), p.getChannelId(), p.getUserId())) {
      return ctx.ack();
    }
    Handled handled =
        inbound.take(
            Turn.command(p.getTeamId(), text),
            tenant -> {
              callers.learnMentioned(text);
              return callers.quickly(p.getUserId(), p.getChannelId());
            },
            Answer.IN_ACK);
    if (handled instanceof Handled.NotServed notServed) {
      return ctx.ack(
          SlashCommandResponse.builder()
              .responseType("ephemeral")
              .text(Mrkdwn.escape(notServed.refusal().fallbackText()))
              .build());
    }
    Reply reply = ((Handled.Routed) handled).reply();
    BlockKitRenderer.Rendered answer = renderer.message(reply.message());
    return ctx.ack(
        SlashCommandResponse.builder()
            .responseType(
                reply.visibility() == Reply.Visibility.CHANNEL ? "in_channel" : "ephemeral")
            .text(answer.text())
            .blocks(answer.blocks())
            .build());
  }
}
