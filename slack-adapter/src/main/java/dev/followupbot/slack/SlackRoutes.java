package dev.followupbot.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.InboundTurns;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * Which listener answers which of Slack's events, commands, clicks, shortcuts and modals: each one
 * translates its payload and hands the turn to the one inbound pipeline.
 */
record SlackRoutes(
    SlackSettings settings,
    Clock clock,
    Slack slack,
    SlackWebApi api,
    SlackWorkspace workspace,
    BlockKitRenderer renderer,
    AfterAck afterAck,
    ExecutorService lookups) {

  void register(App app, FollowupCore core, InboundTurns inbound) {
    SlackPeople people = new SlackPeople(api, workspace.tenant(), core.directory(), clock, lookups);
    SlackCallers callers = new SlackCallers(workspace, people);
    InboundEvents events = new InboundEvents(workspace);
    HomeTab home = new HomeTab(events, inbound, callers, core.commands(), renderer, api, afterAck);
    app.event(
        AppMentionEvent.class,
        new MentionListener(workspace, events, callers, inbound, renderer, api));
    app.event(AppHomeOpenedEvent.class, home);
    app.blockAction(
        Pattern.compile("^" + Pattern.quote(BlockKitRenderer.ACTION_PREFIX) + "\\d+$"),
        new ButtonListener(
            workspace,
            callers,
            inbound,
            renderer,
            api,
            new ResponseUrls(slack, settings.apiUrl()),
            home,
            afterAck));
    app.blockAction(
        Pattern.compile("^" + Pattern.quote(BlockKitRenderer.LINK_PREFIX) + "\\d+$"),
        (req, ctx) -> ctx.ack());
    SlackThreads threads = api.threads();
    CaseMirror mirror = new CaseMirror(threads, afterAck);
    ConversationListener conversations =
        new ConversationListener(workspace, events, callers, inbound, mirror);
    app.event(MessageEvent.class, conversations.messages());
    app.event(MessageFileShareEvent.class, conversations.fileShares());
    app.event(
        ReactionAddedEvent.class,
        new ReactionListener(workspace, events, callers, inbound, threads, mirror));
    CaseModalListener modal =
        new CaseModalListener(
            workspace, callers, inbound, api, new CaseModal(settings.signingSecret()), mirror);
    app.command(
        Pattern.compile("^/.+$"),
        new SlashCommandListener(callers, inbound, renderer, workspace, modal));
    app.messageShortcut(CaseModal.SHORTCUT, modal.shortcut());
    app.viewSubmission(CaseModal.CALLBACK, modal.submission());
    app.viewClosed(CaseModal.CALLBACK, (req, ctx) -> ctx.ack()); // closed unsent: nothing made
    RemindModalListener remind =
        new RemindModalListener(
            workspace,
            callers,
            inbound,
            api,
            renderer,
            new RemindModal(settings.signingSecret()),
            afterAck,
            clock);
    app.messageShortcut(RemindModal.SHORTCUT, remind.shortcut());
    app.viewSubmission(RemindModal.CALLBACK, remind.submission());
    app.viewClosed(RemindModal.CALLBACK, (req, ctx) -> ctx.ack());
    InstallEvents.listen(app);
  }
}
