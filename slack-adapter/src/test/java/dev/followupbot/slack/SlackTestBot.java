package dev.followupbot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * The real Slack adapter and the real core, running: Bolt's servlet behind our signature check in a
 * Jetty on a free loopback port, the core on an in-memory H2 database with a clock that only moves
 * when a test moves it, and Slack's Web API played by {@link FakeSlackApi}. Tests talk to it the
 * way Slack does: signed HTTP requests.
 */
final class SlackTestBot implements AutoCloseable {

  static final String SECRET = "test-signing-secret-for-followup";
  static final String TOKEN = "xoxb-1-test-token";
  static final String TEAM = FakeSlackApi.TEAM;
  static final String CHANNEL = "C0SUPPORT";
  static final TenantId TENANT = new TenantId(Platform.SLACK, TEAM);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  final FakeSlackApi slack = new FakeSlackApi();
  final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  final ManualReminderScheduler scheduler = new ManualReminderScheduler();
  final Database database = TestDatabases.h2();
  final SlackPlatform platform;
  final FollowupCore core;

  /** The stores beneath the core, for assertions on what was kept. */
  final Storage storage;

  private final Server jetty;
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final SlackSignatureVerifier signer =
      new SlackSignatureVerifier(SECRET, java.time.Clock.systemUTC());

  /** What the endpoint answered. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }

    /** The reply's text and the text of its blocks. */
    String text() {
      JsonNode j = json();
      StringBuilder s = new StringBuilder(j.path("text").asText()).append('\n');
      for (JsonNode t : j.path("blocks").findValues("text")) {
        s.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n');
      }
      return s.toString();
    }
  }

  SlackTestBot() {
    this(dev.followupbot.core.testing.CoreHarness.quiet(FollowupConfig.DEFAULTS));
  }

  SlackTestBot(FollowupConfig config) {
    slack.user("UANN", "Ann", "Europe/Berlin");
    slack.user("UBOB", "Bob", "America/New_York");
    slack.user("UCAROL", "Carol", "UTC");
    platform =
        SlackPlatform.connect(
            new SlackSettings(TOKEN, SECRET, URI.create(slack.apiUrl()), Optional.empty()), clock);
    this.storage = JdbiStorage.on(database, clock);
    core =
        FollowupCore.builder(storage, scheduler)
            .messengers(List.of(platform.messenger(storage.addresses())))
            .config(config)
            .node("test-node")
            .clock(clock)
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(platform.servlet(core)), SlackPlatform.PATH);
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** {@code /followup <text>} typed by the user in the support channel, as Slack sends it. */
  Answer slash(String userId, String text) {
    return slash(userId, text, TEAM, CHANNEL);
  }

  Answer slash(String userId, String text, String teamId, String channelId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", teamId);
    form.put("team_domain", "acme");
    form.put("channel_id", channelId);
    form.put("channel_name", "support");
    form.put("user_id", userId);
    form.put("user_name", userId.toLowerCase());
    form.put("command", "/followup");
    form.put("text", text);
    form.put("api_app_id", "A0FOLLOWUP");
    form.put("is_enterprise_install", "false");
    form.put("response_url", slack.responseUrl("commands/" + UUID.randomUUID()));
    form.put("trigger_id", triggerId());
    return postSigned(formBody(form), FORM, Map.of());
  }

  /** An Events API delivery: {@code event} wrapped as Slack wraps it. */
  Answer event(String eventId, ObjectNode event, Map<String, String> headers) {
    return postSigned(eventEnvelope(eventId, event, TEAM).toString(), JSON_TYPE, headers);
  }

  static ObjectNode eventEnvelope(String eventId, ObjectNode event, String teamId) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", teamId);
    envelope.put("api_app_id", "A0FOLLOWUP");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", 1_795_000_000);
    ArrayNode authorizations = envelope.putArray("authorizations");
    authorizations
        .addObject()
        .putNull("enterprise_id")
        .put("team_id", teamId)
        .put("user_id", FakeSlackApi.BOT_USER)
        .put("is_bot", true)
        .put("is_enterprise_install", false);
    envelope.put("is_ext_shared_channel", false);
    return envelope;
  }

  static ObjectNode mention(String userId, String text) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "app_mention");
    e.put("user", userId);
    e.put("text", text);
    e.put("ts", "1795000000.000200");
    e.put("channel", CHANNEL);
    e.put("event_ts", "1795000000.000200");
    return e;
  }

  static ObjectNode homeOpened(String userId) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "app_home_opened");
    e.put("user", userId);
    e.put("channel", "D" + userId);
    e.put("tab", "home");
    e.put("event_ts", "1795000000.000300");
    return e;
  }

  /** Where a clicked button was. */
  record Container(String type, String channel, String messageTs, boolean ephemeral) {
    static Container message(String channel, String ts) {
      return new Container("message", channel, ts, false);
    }

    static Container ephemeral(String channel) {
      return new Container("message", channel, "1795000000.999999", true);
    }

    static Container home() {
      return new Container("view", null, null, false);
    }
  }

  /** A click on a button whose value is {@code command}, as Slack posts it. */
  Answer click(String userId, String command, Container where) {
    return click(userId, command, where, TEAM, slack.responseUrl("actions/" + UUID.randomUUID()));
  }

  Answer click(String userId, String command, Container where, String teamId, String responseUrl) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("user")
        .put("id", userId)
        .put("username", userId.toLowerCase())
        .put("team_id", teamId);
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("token", "legacy-verification-token");
    ObjectNode container = p.putObject("container").put("type", where.type());
    if (where.type().equals("view")) {
      container.put("view_id", "V0HOME");
      p.putObject("view").put("id", "V0HOME").put("type", "home").put("team_id", teamId);
    } else {
      container
          .put("message_ts", where.messageTs())
          .put("channel_id", where.channel())
          .put("is_ephemeral", where.ephemeral());
      p.putObject("channel").put("id", where.channel()).put("name", "support");
      if (!where.ephemeral()) {
        p.putObject("message").put("type", "message").put("ts", where.messageTs());
      }
      p.put("response_url", responseUrl);
    }
    p.put("trigger_id", triggerId());
    p.putObject("team").put("id", teamId).put("domain", "acme");
    p.putArray("actions")
        .addObject()
        .put("action_id", "followup_0")
        .put("block_id", "b1")
        .put("type", "button")
        .put("value", command)
        .put("action_ts", "1795000000.000400")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", "Click");
    return postSigned(formBody(Map.of("payload", p.toString())), FORM, Map.of());
  }

  /** Unique per request, as Slack's are, so that no two requests are byte for byte the same. */
  private static String triggerId() {
    return "13345224609.738474920." + UUID.randomUUID().toString().replace("-", "");
  }

  Answer postSigned(String body, MediaType type, Map<String, String> headers) {
    String ts = Long.toString(Instant.now().getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putIfAbsent("X-Slack-Request-Timestamp", ts);
    all.putIfAbsent("X-Slack-Signature", signer.sign(all.get("X-Slack-Request-Timestamp"), bytes));
    return post(bytes, type, all);
  }

  String sign(String timestamp, String body) {
    return signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  Answer post(byte[] body, MediaType type, Map<String, String> headers) {
    Request.Builder b =
        new Request.Builder().url(url() + SlackPlatform.PATH).post(RequestBody.create(body, type));
    headers.forEach(b::header);
    try (Response r = http.newCall(b.build()).execute()) {
      return new Answer(r.code(), r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Where case {@code number}'s card was posted, once it has been (waits boundedly). */
  MessageRef cardOf(int number) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> core.cases().findByNumber(TENANT, number).flatMap(c -> c.card()),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Moves time and wakes what came due, as Quartz would. */
  void advance(Duration by) {
    clock.advance(by);
    scheduler.fireDue(core.wakeUps(), clock);
  }

  /** One run of the safety-net sweep: queued posts, retries, missed wake-ups. */
  void sweep() {
    core.wakeUps().sweep();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
    platform.close();
    database.close();
    slack.close();
  }
}
