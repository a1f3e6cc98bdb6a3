package dev.followupbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.testing.FakeConnector;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Teams adapter as it runs: the real core on H2, the servlet in a Jetty on a free loopback
 * port, Bot Framework's keys served offline ({@link BotFrameworkKeys}) and the Bot Connector faked
 * ({@link FakeConnector}). Only what lies outside the project is fake: tokens, keys, the connector,
 * and the Entra ID token endpoint (outbound credentials return {@value #OUTBOUND_TOKEN}).
 */
final class TeamsHarness implements AutoCloseable {

  static final String APP_ID = "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c";
  static final String TENANT = "11111111-2222-3333-4444-555555555555";
  static final String OTHER_TENANT = "99999999-8888-7777-6666-555555555555";
  static final String OUTBOUND_TOKEN = "fixed-outbound-token";
  static final String BOT_ID = "28:" + APP_ID;
  static final TenantId TEAMS_TENANT = new TenantId(Platform.TEAMS, TENANT);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Teams user as activities name them. */
  record User(String id, String name, String zone) {
    static User named(String name, String zone) {
      return new User("29:" + name.toLowerCase() + "-" + "x1y2z3", name, zone);
    }

    String personalChat() {
      return "a:personal-" + id.substring(3);
    }
  }

  static final User ANN = User.named("Ann", "Europe/Berlin");
  static final User BOB = User.named("Bob", "America/New_York");
  static final String CHANNEL = "19:support@thread.tacv2;messageid=1700000000000";

  final MutableClock clock;
  final Database database;
  final FakeConnector connector;
  final ManualReminderScheduler scheduler = new ManualReminderScheduler();
  final Storage storage;
  final TeamsPlatform platform;
  final TeamsMessenger messenger;
  final FollowupCore core;
  private final Server jetty;
  private final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

  TeamsHarness(
      Map<String, String> env, Database database, MutableClock clock, FakeConnector connector) {
    this(
        env,
        database,
        clock,
        connector,
        dev.followupbot.core.testing.CoreHarness.quiet(FollowupConfig.DEFAULTS));
  }

  TeamsHarness(
      Map<String, String> env,
      Database database,
      MutableClock clock,
      FakeConnector connector,
      FollowupConfig config) {
    this.clock = clock;
    this.database = database;
    this.connector = connector;
    TeamsSettings settings = TeamsSettings.from(env).orElseThrow();
    this.storage = JdbiStorage.on(database, clock);
    this.platform = new TeamsPlatform(settings, TeamsHarness::fixedToken, clock);
    this.messenger = platform.messenger(storage.addresses());
    this.core =
        FollowupCore.builder(storage, scheduler)
            .messengers(List.of(messenger))
            .config(config)
            .node("test-node")
            .clock(clock)
            .build();
    this.jetty = new Server();
    ServerConnector http = new ServerConnector(jetty);
    http.setHost("127.0.0.1");
    http.setPort(0);
    jetty.addConnector(http);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(platform.servlet(core)), TeamsPlatform.PATH);
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Teams with credentials, the fake connector allowed through the host allow-list. */
  static TeamsHarness start() {
    FakeConnector connector = new FakeConnector();
    return new TeamsHarness(
        credentials(Map.of()),
        TestDatabases.h2(),
        MutableClock.at("2026-11-23T09:00:00Z"),
        connector);
  }

  /** Teams as {@link #start()}, with the given configuration (teams and schedules). */
  static TeamsHarness start(FollowupConfig config) {
    return new TeamsHarness(
        credentials(Map.of()),
        TestDatabases.h2(),
        MutableClock.at("2026-11-23T09:00:00Z"),
        new FakeConnector(),
        config);
  }

  /** Moves time and wakes what came due, as Quartz would. */
  void advance(Duration by) {
    clock.advance(by);
    scheduler.fireDue(core.wakeUps(), clock);
  }

  static Map<String, String> credentials(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put(TeamsSettings.APP_ID, APP_ID);
    env.put(TeamsSettings.APP_PASSWORD, "not-a-real-secret");
    env.put(TeamsSettings.SERVICE_URL_HOSTS, "127.0.0.1,localhost");
    env.put(TeamsSettings.OPENID_METADATA, BotFrameworkKeys.get().metadataUrl());
    env.putAll(extra);
    return env;
  }

  /** Outbound credentials that never call Entra ID: the token is a fixed string. */
  static AppCredentials fixedToken(String appId, String scope) {
    if (appId == null || appId.isBlank()) {
      return MicrosoftAppCredentials.empty();
    }
    return new MicrosoftAppCredentials(appId, "unused", null, scope) {
      @Override
      public CompletableFuture<String> getToken() {
        return CompletableFuture.completedFuture(OUTBOUND_TOKEN);
      }
    };
  }

  String url() {
    return "http://127.0.0.1:"
        + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
        + TeamsPlatform.PATH;
  }

  // ----- activities as Teams sends them

  ObjectNode message(User from, String conversationId, String conversationType, String text) {
    ObjectNode a = base("message", from, conversationId, conversationType);
    a.put("text", text);
    a.put("textFormat", "plain");
    return a;
  }

  /** "claim 42" typed in the person's personal chat with the bot. */
  ObjectNode personal(User from, String text) {
    return message(from, from.personalChat(), "personal", text);
  }

  /** "@Followup claim 42" in the support channel, with the bot's mention entity. */
  ObjectNode inChannel(User from, String text) {
    ObjectNode a = message(from, CHANNEL, "channel", "<at>Followup</at> " + text);
    ObjectNode mention = a.putArray("entities").addObject();
    mention.put("type", "mention");
    mention.put("text", "<at>Followup</at>");
    mention.putObject("mentioned").put("id", BOT_ID).put("name", "Followup");
    return a;
  }

  /** Adds a mention of another person: the text must contain {@code <at>Name</at>}. */
  static ObjectNode mentioning(ObjectNode activity, User who) {
    com.fasterxml.jackson.databind.node.ArrayNode entities =
        activity.has("entities")
            ? (com.fasterxml.jackson.databind.node.ArrayNode) activity.get("entities")
            : activity.putArray("entities");
    ObjectNode mention = entities.addObject();
    mention.put("type", "mention");
    mention.put("text", "<at>" + who.name() + "</at>");
    mention.putObject("mentioned").put("id", who.id()).put("name", who.name());
    return activity;
  }

  /** An Action.Execute click on a card button. */
  ObjectNode execute(User from, String conversationId, String type, String command) {
    ObjectNode a = base("invoke", from, conversationId, type);
    a.put("name", "adaptiveCard/action");
    a.put("replyToId", "activity-1");
    ObjectNode action = a.putObject("value").putObject("action");
    action.put("type", "Action.Execute");
    action.put("verb", "followup");
    action.putObject("data").put("command", command);
    a.with("value").put("trigger", "manual");
    return a;
  }

  /** An Action.Submit click: a message whose value carries the command. */
  ObjectNode submit(
      User from, String conversationId, String type, String replyToId, String command) {
    ObjectNode a = base("message", from, conversationId, type);
    a.put("replyToId", replyToId);
    a.putObject("value").put("command", command);
    return a;
  }

  ObjectNode installed(User by) {
    ObjectNode a = base("installationUpdate", by, by.personalChat(), "personal");
    a.put("action", "add");
    return a;
  }

  ObjectNode base(String type, User from, String conversationId, String conversationType) {
    ObjectNode a = JSON.createObjectNode();
    a.put("type", type);
    a.put("id", "1" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    a.put("timestamp", "2026-11-23T09:00:00.123Z");
    a.put("localTimezone", from.zone());
    a.put("serviceUrl", connector.url());
    a.put("channelId", "msteams");
    a.putObject("from")
        .put("id", from.id())
        .put("name", from.name())
        .put("aadObjectId", UUID.randomUUID().toString());
    ObjectNode conversation = a.putObject("conversation");
    conversation.put("id", conversationId);
    conversation.put("conversationType", conversationType);
    conversation.put("tenantId", TENANT);
    a.putObject("recipient").put("id", BOT_ID).put("name", "Followup");
    a.put("locale", "en-US");
    a.putObject("channelData").putObject("tenant").put("id", TENANT);
    return a;
  }

  // ----- HTTP

  /** Posts the activity with a valid channel token for its service URL. */
  Answer post(ObjectNode activity) {
    return post(
        activity,
        "Bearer " + BotFrameworkKeys.get().token(APP_ID, activity.path("serviceUrl").asText()));
  }

  Answer post(ObjectNode activity, String authorization) {
    return postRaw(activity.toString(), authorization);
  }

  Answer postRaw(String body, String authorization) {
    Request.Builder r =
        new Request.Builder()
            .url(url())
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    try (Response response = http.newCall(r.build()).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTTP answer to an activity. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping a test server
    }
    platform.close();
    database.close();
    connector.close();
  }

  /** Closes the bot but leaves the database and connector for a restart. */
  void stopBot() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping a test server
    }
    platform.close();
  }
}
