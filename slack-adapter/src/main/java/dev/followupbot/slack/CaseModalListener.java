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
import dev.followupbot.core.service.ChannelPost;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Open a case" message shortcut and its modal. The shortcut opens the modal at once with
 * views.open, inside the trigger's 3 seconds, prefilled from the message (or from its thread root
 * when it is a reply). The submission opens the case with that message as its source; a field that
 * cannot be used shows its error in the modal, and nothing is created.
 */
final class CaseModalListener {

  private static final Logger log = LoggerFactory.getLogger(CaseModalListener.class);

  private final SlackWorkspace workspace;
  private final SlackCallers callers;
  private final InboundTurns inbound;
  private final SlackWebApi api;
  private final CaseModal modal;
  private final CaseMirror mirror;

  CaseModalListener(
      SlackWorkspace workspace,
      SlackCallers callers,
      InboundTurns inbound,
      SlackWebApi api,
      CaseModal modal,
      CaseMirror mirror) {
    this.workspace = workspace;
    this.callers = callers;
    this.inbound = inbound;
    this.api = api;
    this.modal = modal;
    this.mirror = mirror;
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
          || m.getUser() == null
          || ConversationListener.instant(m.getTs()).isEmpty()) {
        return ctx.ack();
      }
      boolean reply = m.getThreadTs() != null && !m.getThreadTs().equals(m.getTs());
      String root = reply ? m.getThreadTs() : m.getTs();
      String requester = reply && m.getParentUserId() != null ? m.getParentUserId() : m.getUser();
      String name = callers.quickly(requester, p.getChannel().getId()).displayName();
      String view =
          modal.view(
              new CaseModal.About(workspace.teamId(), p.getChannel().getId(), root, requester),
              CaseForm.subjectFrom(SlackText.toCore(m.getText() == null ? "" : m.getText()), name),
              name,
              p.getUser().getId());
      try {
        api.openView(p.getTriggerId(), view);
      } catch (DeliveryFailure e) {
        log.warn("could not open the case form for {}: {}", p.getUser().getId(), e.getMessage());
      }
      return ctx.ack();
    };
  }

  /**
   * The new-case form for {@code /followup} with no text (or {@code new} with no subject) in a
   * channel; false when it could not be opened, so the command answers as before.
   */
  boolean openNewCaseForm(String triggerId, String channel, String user) {
    try {
      api.openView(
          triggerId,
          modal.view(new CaseModal.About(workspace.teamId(), channel, "", user), "", "", user));
      return true;
    } catch (DeliveryFailure e) {
      log.info("could not open the new-case form for {}: {}", user, e.getMessage());
      return false;
    }
  }

  ViewSubmissionHandler submission() {
    return (ViewSubmissionRequest req, ViewSubmissionContext ctx) -> {
      ViewSubmissionPayload p = req.getPayload();
      if (p == null || p.getTeam() == null || p.getUser() == null || p.getView() == null) {
        return ctx.ack();
      }
      Optional<CaseModal.About> about = modal.about(p.getView(), workspace.teamId());
      if (about.isEmpty()) {
        log.warn(
            "refused a case form from {} in team {}: its metadata is not one this bot sealed",
            p.getUser().getId(),
            p.getTeam().getId());
        return ctx.ackWithErrors(Map.of(CaseModal.SUBJECT, CaseForm.unknownMessage()));
      }
      CaseForm form = CaseModal.form(p.getView());
      if (!form.problems().isEmpty()) {
        Map<String, String> errors = new LinkedHashMap<>();
        form.problems().forEach((field, problem) -> errors.put(CaseModal.block(field), problem));
        return ctx.ackWithErrors(errors);
      }
      CaseModal.About a = about.get();
      String member = p.getUser().getId();
      if (a.ts().isEmpty()) {
        inbound.openForm(
            p.getTeam().getId(),
            new EventKey("slack", workspace.teamId(), "view:" + p.getView().getId()),
            tenant -> callers.quickly(member, a.channel()),
            a.channel(),
            form);
        return ctx.ack();
      }
      ChannelPost root =
          new ChannelPost(
              a.channel(),
              a.ts(),
              Optional.empty(),
              a.requester(),
              false,
              false,
              "",
              ConversationListener.instant(a.ts()).orElseThrow(),
              Optional.of(ConversationListener.permalink(a.channel(), a.ts())));
      Handled handled =
          inbound.openFrom(
              p.getTeam().getId(),
              new EventKey("slack", workspace.teamId(), "view:" + p.getView().getId()),
              tenant -> callers.quickly(member, a.channel()),
              root,
              tenant -> callers.quickly(a.requester(), a.channel()),
              form);
      if (handled instanceof Handled.Heard heard) {
        mirror.show(heard.outcome());
      }
      return ctx.ack();
    };
  }
}
