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
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.LateAnswers;
import dev.followupbot.core.service.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
  static final String OTHER_TENANT =
      "Sorry, this followup-bot works for another organization, so I can't help here.";
  static final String WELCOME =
      "Hi! I'm followup-bot: I keep customer cases owned, answered and followed up, and remind"
          + " you when it's time. Type `help` to see what I can do (in a channel, mention me first).";

  private final FollowupCore core;
  private final TeamsSettings settings;
  private final ConversationBook book;
  private final AdaptiveCardRenderer renderer;
  private final TeamsAnswers answers;
  private final Executor deliveries;
  private final Clock clock;

  TeamsBot(
      FollowupCore core,
      TeamsSettings settings,
      ConversationBook book,
      AdaptiveCardRenderer renderer,
      Executor deliveries,
      Clock clock) {
    this.core = core;
    this.settings = settings;
    this.book = book;
    this.renderer = renderer;
    this.answers =
        new TeamsAnswers(
            new TeamsActivities(renderer),
            new LateAnswers(core.outbox(), core.delivery(), clock),
            deliveries);
    this.deliveries = deliveries;
    this.clock = clock;
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
    if (!settings.serves(tenantId.get())) {
      log.info(
          "refused a Teams {} activity from tenant {}: not in {}",
          activity.getType(),
          tenantId.get(),
          TeamsSettings.ALLOWED_TENANTS);
      refuse(turn, activity);
      return;
    }
    // Tenant ids are GUIDs, whose case carries no meaning: one spelling per tenant.
    TenantId tenant = new TenantId(Platform.TEAMS, tenantId.get().toLowerCase(Locale.ROOT));
    boolean personal =
        "personal".equalsIgnoreCase(activity.getConversation().getConversationType());
    book.remember(
        tenant,
        activity.getConversationReference(),
        personal ? Optional.of(activity.getFrom().getId()) : Optional.empty());
    if (activity.isType(ActivityTypes.MESSAGE)) {
      onMessage(turn, activity, tenant);
    } else if (activity.isType(ActivityTypes.INVOKE) && CARD_ACTION.equals(activity.getName())) {
      onCardAction(turn, activity, tenant);
    } else if (activity.isType(ActivityTypes.INSTALLATION_UPDATE)
        && "add".equalsIgnoreCase(String.valueOf(activity.getAction()))
        && firstTime(activity)) {
      answers.send(turn, Optional.of(tenant), Message.text(WELCOME));
    }
  }

  private void onMessage(TurnContext turn, Activity activity, TenantId tenant) {
    JsonNode value = TeamsJson.tree(activity.getValue());
    boolean click = value.path("command").isTextual();
    String command;
    if (click) {
      command = value.path("command").asText();
    } else {
      TeamsMentions.Command typed = TeamsMentions.read(activity);
      rememberMentioned(tenant, typed.people());
      command = typed.text();
    }
    if (!firstTime(activity)) {
      return;
    }
    Reply reply =
        core.commands().handle(caller(tenant, activity), command.isBlank() ? "help" : command);
    if (click && reply.update().isPresent() && activity.getReplyToId() != null) {
      answers.update(turn, tenant, activity.getReplyToId(), reply.update().get(), reply.message());
    } else {
      answers.send(turn, Optional.of(tenant), reply.message());
    }
    deliver(reply.deliveries());
  }

  private void onCardAction(TurnContext turn, Activity activity, TenantId tenant) {
    JsonNode action = TeamsJson.tree(activity.getValue()).path("action");
    JsonNode command = action.path("data").path("command");
    if (!AdaptiveCardRenderer.VERB.equals(action.path("verb").asText()) || !command.isTextual()) {
      invokeResponse(turn, error("This card action isn't one I know. Try typing the command."));
      return;
    }
    if (!firstTime(activity)) {
      invokeResponse(turn, message("That click was already handled."));
      return;
    }
    Reply reply = core.commands().handle(caller(tenant, activity), command.asText());
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
    deliver(reply.deliveries());
  }

  private void refuse(TurnContext turn, Activity activity) {
    if (activity.isType(ActivityTypes.MESSAGE)) {
      answers.send(turn, Optional.empty(), Message.text(OTHER_TENANT));
    } else if (activity.isType(ActivityTypes.INVOKE) && CARD_ACTION.equals(activity.getName())) {
      invokeResponse(turn, message(OTHER_TENANT));
    }
  }

  private Caller caller(TenantId tenant, Activity activity) {
    ChannelAccount from = activity.getFrom();
    ZoneId zone =
        zoneOf(activity.getLocalTimezone())
            .orElseGet(
                () ->
                    core.people()
                        .find(tenant, from.getId())
                        .map(Person::zone)
                        .orElse(core.directory().defaultZone()));
    return new Caller(
        tenant,
        from.getId(),
        from.getName(),
        zone,
        ConversationBook.channelOf(activity.getConversation().getId()),
        Caller.localeOf(activity.getLocale()));
  }

  /** Mentioned people are remembered by name; a zone they told us themselves is kept. */
  private void rememberMentioned(TenantId tenant, List<TeamsMentions.Mentioned> people) {
    for (TeamsMentions.Mentioned m : people) {
      Optional<Person> known = core.people().find(tenant, m.id());
      if (known.isPresent() && known.get().displayName().equals(m.name())) {
        continue;
      }
      ZoneId zone = known.map(Person::zone).orElse(core.directory().defaultZone());
      core.directory().remember(new Person(tenant, m.id(), m.name(), zone));
    }
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

  /** Whether this activity is new; Teams resends a turn that took too long. */
  private boolean firstTime(Activity activity) {
    if (activity.getId() == null || activity.getId().isBlank()) {
      return true;
    }
    String key = "teams:" + activity.getConversation().getId() + ":" + activity.getId();
    if (key.length() > 300) {
      key = "teams:sha256:" + sha256(key);
    }
    return core.seenEvents().firstTime(key, clock.instant());
  }

  private void deliver(List<Long> ids) {
    if (!ids.isEmpty()) {
      deliveries.execute(() -> core.delivery().deliverAll(ids));
    }
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

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
