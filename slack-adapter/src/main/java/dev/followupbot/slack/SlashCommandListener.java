package dev.followupbot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.Reply;

/**
 * {@code /followup <command>}: runs the shared grammar as the person who typed it and answers in
 * the acknowledgement itself, privately unless the reply is meant for the channel. Whatever the
 * command queued (a case card, a note to a new owner) is already in the outbox when the answer
 * leaves, and is delivered after it.
 */
final class SlashCommandListener implements SlashCommandHandler {

  private final SlackWorkspace workspace;
  private final SlackCallers callers;
  private final FollowupCore core;
  private final BlockKitRenderer renderer;
  private final AfterAck afterAck;

  SlashCommandListener(
      SlackWorkspace workspace,
      SlackCallers callers,
      FollowupCore core,
      BlockKitRenderer renderer,
      AfterAck afterAck) {
    this.workspace = workspace;
    this.callers = callers;
    this.core = core;
    this.renderer = renderer;
    this.afterAck = afterAck;
  }

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
    SlashCommandPayload p = request.getPayload();
    if (!workspace.owns(p.getTeamId())) {
      return ctx.ack(
          SlashCommandResponse.builder()
              .responseType("ephemeral")
              .text(Mrkdwn.escape(workspace.refusal()))
              .build());
    }
    Caller caller = callers.quickly(p.getUserId(), p.getChannelId());
    String text = SlackText.toCore(p.getText());
    callers.learnMentioned(text);
    Reply reply = core.commands().handle(caller, text);
    if (!reply.deliveries().isEmpty()) {
      afterAck.run(() -> core.delivery().deliverAll(reply.deliveries()));
    }
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
