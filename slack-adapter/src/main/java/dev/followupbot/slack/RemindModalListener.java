package dev.followupbot.slack;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.model.Message;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.CaseForm;
import dev.followupbot.core.service.MessageReminder;
import dev.followupbot.core.service.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Remind me about this" message shortcut and its modal. The shortcut opens the modal at once
 * with views.open, inside the trigger's 3 seconds: a time an hour ahead and the message's first
 * line as the note. The submission sets a reminder for the person who sent it, linking to the
 * message (and about its case, if the message is a case's); a time that has passed shows its error
 * in the modal, and nothing is set. The confirmation is shown to that person alone, where the
 * message is.
 */
final class RemindModalListener {

  private static final Logger log = LoggerFactory.getLogger(RemindModalListener.class);

  private final SlackWorkspace workspace;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final SlackWebApi api;
  private final BlockKitRenderer renderer;
  private final RemindModal modal;
  private final AfterAck afterAck;
  private final Clock clock;

  RemindModalListener(
      SlackWorkspace workspace,
      SlackCallers callers,
      InboundTurns inbound,
      SlackWebApi api,
      BlockKitRenderer renderer,
      RemindModal modal,
      AfterAck afterAck,
      Clock clock) {
    this.workspace = workspace;
    this.callers = callers;
    this.inbound = inbound;
    this.api = api;
    this.renderer = renderer;
    this.modal = modal;
    this.afterAck = afterAck;
    this.clock = clock;
  }

  MessageShortcutHandler shortcut() {
    return (MessageShortcutRequest req, MessageShortcutContext ctx) -> {
      MessageShortcutPayload p = req.getPayload();
      Message m = p == null ? null : p.getMessage();
      if (m == null
          || p.getChannel() == null
          || p.getUser() == null
          || p.getTeam() == null
          || !workspace.teamId().equals(p.getTeam().getId())
          || ConversationListener.instant(m.getTs()).isEmpty()) {
        return ctx.ack();
      }
      String channel = p.getChannel().getId();
      boolean reply = m.getThreadTs() != null && !m.getThreadTs().equals(m.getTs());
      String thread = reply ? m.getThreadTs() : "";
      String link =
          ConversationListener.permalink(channel, m.getTs())
              + (reply ? "?thread_ts=" + thread + "&cid=" + channel : "");
      String view =
          modal.view(
              new RemindModal.About(workspace.teamId(), channel, m.getTs(), thread, link),
              RemindModal.defaultWhen(clock.instant()),
              MessageReminder.noteFrom(SlackText.toCore(m.getText() == null ? "" : m.getText())));
      try {
        api.openView(p.getTriggerId(), view);
      } catch (DeliveryFailure e) {
        log.warn(
            "could not open the reminder form for {}: {}", p.getUser().getId(), e.getMessage());
      }
      return ctx.ack();
    };
  }

  ViewSubmissionHandler submission() {
    return (ViewSubmissionRequest req, ViewSubmissionContext ctx) -> {
      ViewSubmissionPayload p = req.getPayload();
      if (p == null || p.getTeam() == null || p.getUser() == null || p.getView() == null) {
        return ctx.ack();
      }
      Optional<RemindModal.About> about = modal.about(p.getView(), workspace.teamId());
      if (about.isEmpty()) {
        log.warn(
            "refused a reminder form from {} in team {}: its metadata is not one this bot sealed",
            p.getUser().getId(),
            p.getTeam().getId());
        return ctx.ackWithErrors(Map.of(RemindModal.WHEN, CaseForm.unknownMessage()));
      }
      Optional<Instant> when = RemindModal.when(p.getView());
      if (when.isEmpty()) {
        return ctx.ackWithErrors(Map.of(RemindModal.WHEN, "Pick a day and a time."));
      }
      RemindModal.About a = about.get();
      MessageReminder request = RemindModal.request(a, when.get(), p.getView());
      Map<MessageReminder.Field, String> problems = request.problems(clock.instant());
      if (!problems.isEmpty()) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach((field, problem) -> errors.put(RemindModal.block(field), problem));
        return ctx.ackWithErrors(errors);
      }
      String member = p.getUser().getId();
      Handled handled =
          inbound.remindAbout(
              p.getTeam().getId(),
              new EventKey("slack", workspace.teamId(), "view:" + p.getView().getId()),
              tenant -> callers.quickly(member, a.channel()),
              request);
      if (handled instanceof Handled.Routed routed) {
        afterAck.run(() -> confirm(member, a, routed.reply()));
      }
      return ctx.ack();
    };
  }

  /** Shows the person what was set, beside the message; in a direct message if that fails. */
  private void confirm(String member, RemindModal.About about, Reply reply) {
    BlockKitRenderer.Rendered answer = renderer.message(reply.message());
    String thread = about.thread().isEmpty() ? null : about.thread();
    try {
      api.postEphemeral(about.channel(), member, thread, answer);
    } catch (DeliveryFailure e) {
      log.info(
          "could not confirm {}'s reminder in {}, sending it directly: {}",
          member,
          about.channel(),
          e.getMessage());
      try {
        api.postMessage(api.openDm(member), answer);
      } catch (DeliveryFailure again) {
        log.warn("could not confirm {}'s reminder: {}", member, again.getMessage());
      }
    }
  }
}
