package dev.followupbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.Answer;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Turn;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.Reply;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot does with an authenticated Teams activity. Messages (typed, or an {@code
 * Action.Submit} click carrying {@code {"command": …}}) and {@code adaptiveCard/action} invokes
 * ({@code Action.Execute}) all run through the core's command router as the person who sent them;
 * the answer goes back into the same conversation. Along the way it records what proactive delivery
 * needs later: the conversation reference (per conversation, and per user for personal chats), the
 * person's name and time zone, and the people they mention.
 *
 * <p>Every activity is scoped by the tenant in its channel data, trusted because the request's
 * token was validated before this runs; tenants off the allow-list get a polite refusal and nothing
 * is stored for them. A redelivered activity (same conversation and activity id) has no second
 * effect.
 */
final class TeamsBot implements Bot {

  private static final Logger log = LoggerFactory.getLogger(TeamsBot.class);
  static final String CARD_ACTION = "adaptiveCard/action";
  static final String LOCAL_TENANT = "local";
  static final String WELCOME =
      "Hi! I'm followup-bot: I keep customer cases owned, answered and followed up, and remind"
          + " you when it's time. Type `help` to see what I can do (in a channel, mention me first).";

  private final InboundTurns inbound;
  private final Directory directory;
  private final TeamsSettings settings;
  private final ConversationBook book;
  private final AdaptiveCardRenderer renderer;
  private final TeamsAnswers answers;

  TeamsBot(
      FollowupCore core,
      TeamsSettings settings,
      ConversationBook book,
      AdaptiveCardRenderer renderer,
      Executor deliveries) {
    this.inbound = core.inbound(new TeamsTenants(settings), deliveries);
    this.directory = core.directory();
    this.settings = settings;
    this.book = book;
    this.renderer = renderer;
    this.answers = new TeamsAnswers(new TeamsActivities(renderer), core.lateAnswers(), deliveries);
  }

  @Override
  public CompletableFuture<Void> onTurn(TurnContext turn) {
    handle(turn);
    if (turn.getActivity().isType(ActivityTypes.INVOKE)
        && turn.getTurnState().get(BotFrameworkAdapter.INVOKE_RESPONSE_KEY) == null) {
      // Bot Builder would answer an unanswered invoke 501; it is the sender's mistake, not ours.
      Activity response = new Activity(ActivityTypes.INVOKE_RESPONSE);
      response.setValue(
          new InvokeResponse(400, error("This isn't an action I know. Try typing the command.")));
      turn.sendActivity(response).join();
    }
    return CompletableFuture.completedFuture(null);
  }

  private void handle(TurnContext turn) {
    Activity activity = turn.getActivity();
    if (activity.getConversation() == null
        || activity.getConversation().getId() == null
        || activity.getFrom() == null
        || activity.getFrom().getId() == null) {
      log.debug("ignoring a Teams activity without conversation or sender: {}", activity.getType());
      return;
    }
    Optional<String> tenantId = tenantOf(activity);
    if (tenantId.isEmpty() && settings.authOff()) {
      // Local tries (an emulator may leave the tenant out): one local tenant for everything.
      tenantId = Optional.of(LOCAL_TENANT);
    }
    if (tenantId.isEmpty()) {
      log.warn(
          "ignoring a Teams {} activity without a tenant id (channelData.tenant.id)",
          activity.getType());
      return;
    }
    String from = tenantId.get();
    if (activity.isType(ActivityTypes.MESSAGE)) {
      onMessage(turn, activity, from);
    } else if (activity.isType(ActivityTypes.INVOKE) && CARD_ACTION.equals(activity.getName())) {
      onCardAction(turn, activity, from);
    } else if (activity.isType(ActivityTypes.INSTALLATION_UPDATE)
        && "add".equalsIgnoreCase(String.valueOf(activity.getAction()))) {
      Optional<TenantId> tenant = inbound.admit(from, eventKey(activity));
      tenant.ifPresent(t -> remember(t, activity));
      tenant.ifPresent(t -> answers.send(turn, Optional.of(t), Message.text(WELCOME)));
    } else {
      inbound.admit(from, Optional.empty()).ifPresent(t -> remember(t, activity));
    }
  }

  private void onMessage(TurnContext turn, Activity activity, String from) {
    JsonNode value = TeamsJson.tree(activity.getValue());
    boolean click = value.path("command").isTextual();
    String command;
    List<Turn.Mention> mentioned = List.of();
    if (click) {
      command = value.path("command").asText();
    } else {
      TeamsMentions.Command typed = TeamsMentions.read(activity);
      mentioned = typed.people().stream().map(m -> new Turn.Mention(m.id(), m.name())).toList();
      command = typed.text();
    }
    TenantId tenant = TeamsTenants.tenant(from);
    Handled handled =
        inbound.take(
            new Turn(from, eventKey(activity), command, mentioned),
            t -> speaker(t, activity),
            new Answer() {
              @Override
              public void inline(Reply reply) {
                if (click && reply.update().isPresent() && activity.getReplyToId() != null) {
                  answers.update(
                      turn, tenant, activity.getReplyToId(), reply.update().get(), reply.message());
                } else {
                  answers.send(turn, Optional.of(tenant), reply.message());
                }
              }
            });
    if (handled instanceof Handled.NotServed notServed) {
      answers.send(turn, Optional.empty(), notServed.refusal());
    }
  }

  private void onCardAction(TurnContext turn, Activity activity, String from) {
    JsonNode action = TeamsJson.tree(activity.getValue()).path("action");
    JsonNode command = action.path("data").path("command");
    if (!AdaptiveCardRenderer.VERB.equals(action.path("verb").asText()) || !command.isTextual()) {
      invokeResponse(turn, error("This card action isn't one I know. Try typing the command."));
      return;
    }
    TenantId tenant = TeamsTenants.tenant(from);
    Handled handled =
        inbound.take(
            new Turn(from, eventKey(activity), command.asText(), List.of()),
            t -> speaker(t, activity),
            new Answer() {
              @Override
              public void inline(Reply reply) {
                answerClick(turn, tenant, reply);
              }
            });
    if (handled instanceof Handled.NotServed notServed) {
      invokeResponse(turn, message(notServed.refusal().fallbackText()));
    } else if (handled instanceof Handled.Repeat) {
      invokeResponse(turn, message("That click was already handled."));
    }
  }

  private void answerClick(TurnContext turn, TenantId tenant, Reply reply) {
    if (reply.update().isPresent()) {
      invokeResponse(turn, card(reply.update().get()));
    } else if (AdaptiveCardRenderer.isPlainText(reply.message())) {
      // Seen by the clicker only, like an ephemeral answer in Slack.
      invokeResponse(
          turn, message(TeamsText.plain(AdaptiveCardRenderer.plainText(reply.message()))));
    } else {
      answers.send(turn, Optional.of(tenant), reply.message());
      invokeResponse(
          turn,
          message(TeamsText.plain(AdaptiveCardRenderer.atNames(reply.message().fallbackText()))));
    }
  }

  /** The sender, with the conversation reference proactive delivery needs later. */
  private Caller speaker(TenantId tenant, Activity activity) {
    remember(tenant, activity);
    ChannelAccount from = activity.getFrom();
    ZoneId zone =
        zoneOf(activity.getLocalTimezone())
            .orElseGet(() -> directory.person(tenant, from.getId()).zone());
    return new Caller(
        tenant,
        from.getId(),
        from.getName(),
        zone,
        ConversationBook.channelOf(activity.getConversation().getId()),
        Caller.localeOf(activity.getLocale()));
  }

  private void remember(TenantId tenant, Activity activity) {
    boolean personal =
        "personal".equalsIgnoreCase(activity.getConversation().getConversationType());
    book.remember(
        tenant,
        activity.getConversationReference(),
        personal ? Optional.of(activity.getFrom().getId()) : Optional.empty());
  }

  static Optional<ZoneId> zoneOf(String ianaName) {
    if (ianaName == null || ianaName.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(ianaName.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  static Optional<String> tenantOf(Activity activity) {
    String id = TeamsJson.tree(activity.getChannelData()).path("tenant").path("id").asText("");
    if (id.isBlank() && activity.getConversation() != null) {
      id =
          activity.getConversation().getTenantId() == null
              ? ""
              : activity.getConversation().getTenantId();
    }
    id = id.strip();
    return id.isEmpty() || id.length() > 140 ? Optional.empty() : Optional.of(id);
  }

  /** The activity's key; Teams resends a turn that took too long. Empty without an id. */
  private static Optional<EventKey> eventKey(Activity activity) {
    if (activity.getId() == null || activity.getId().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new EventKey("teams", activity.getConversation().getId(), activity.getId()));
  }

  private static void invokeResponse(TurnContext turn, ObjectNode body) {
    Activity response = new Activity(ActivityTypes.INVOKE_RESPONSE);
    response.setValue(new InvokeResponse(200, body));
    turn.sendActivity(response).join();
  }

  private ObjectNode card(Message message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statusCode", 200);
    body.put("type", AdaptiveCardRenderer.CONTENT_TYPE);
    body.set("value", renderer.card(message));
    return body;
  }

  private static ObjectNode message(String text) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statusCode", 200);
    body.put("type", "application/vnd.microsoft.activity.message");
    body.put("value", text);
    return body;
  }

  private static ObjectNode error(String text) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("statusCode", 400);
    body.put("type", "application/vnd.microsoft.error");
    ObjectNode value = body.putObject("value");
    value.put("code", "BadRequest");
    value.put("message", text);
    return body;
  }
}
