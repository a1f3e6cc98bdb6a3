package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-input run: thousands of random and hostile requests to every inbound HTTP surface
 * of the real server (Slack's /slack/events signed and unsigned, Teams' /api/messages, the REST
 * API), from two attacking workspaces, while a third (the victim) holds cases and reminders. For
 * every request: no 5xx, no stack trace, none of the victim's data in any answer or in anything the
 * bot sends to Slack or Teams. Requests that must be refused leave the whole database as it was;
 * the rest leave the victim's rows as they were.
 *
 * <p>Deterministic: the corpus comes from one seed, printed at the start, which {@code
 * -Dhostile.seed=…} overrides; {@code -Dhostile.rounds=…} scales the run (default 1).
 */
class HostileInputTest {

  static final long SEED = Long.getLong("hostile.seed", 20300107L);
  static final int ROUNDS = Integer.getInteger("hostile.rounds", 1);

  static final String SECRET = "hostile-test-signing-secret";
  static final String ACME_TOKEN = "acme-0123456789abcdef0123456789abcdef";
  static final String GLOBEX_TOKEN = "globex-0123456789abcdef0123456789abcdef";
  static final String VICTIM_TOKEN = "victim-0123456789abcdef0123456789abcdef";
  static final String VICTIM = "slack:T0VICTIM";

  /** In every piece of the victim's text; no hostile input contains it. */
  static final String MARK = "Vx7Sekrit";

  static final List<String> TRACE_MARKERS =
      List.of("Exception", "\tat ", ".java:", "org.eclipse.jetty", "com.slack", "com.microsoft");

  private static final JsonNodeFactory J = JsonNodeFactory.instance;
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path dir;
  private final MockWebServer slackApi = new MockWebServer();
  private final MockWebServer connector = new MockWebServer();
  private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Random random = new Random(SEED);
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofSeconds(20))
          .retryOnConnectionFailure(false)
          .build();
  private final SlackSignatureVerifier signer =
      new SlackSignatureVerifier(SECRET, Clock.systemUTC());
  private LiveServer live;
  private String jdbcUrl;

  @BeforeEach
  void start() throws Exception {
    System.out.println("HostileInputTest seed=" + SEED + " (override with -Dhostile.seed=)");
    slackApi.setDispatcher(recording(HostileInputTest::slack));
    slackApi.start(InetAddress.getLoopbackAddress(), 0);
    connector.setDispatcher(recording(HostileInputTest::teamsConnector));
    connector.start(InetAddress.getLoopbackAddress(), 0);
    live =
        new LiveServer(
            dir,
            """
            teams:
              - id: billing
                channels: [C0BILLING]
            """,
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "slack:T0ACME="
                    + ACME_TOKEN
                    + ",slack:T0GLOBEX="
                    + GLOBEX_TOKEN
                    + ","
                    + VICTIM
                    + "="
                    + VICTIM_TOKEN,
                "SLACK_BOT_TOKEN",
                "xoxb-9-hostile-test",
                "SLACK_SIGNING_SECRET",
                SECRET,
                "SLACK_API_URL",
                slackApi.url("/api/").toString(),
                "TEAMS_AUTH",
                "off"));
    jdbcUrl = "jdbc:h2:retry:nio:" + dir.resolve("data") + "/followup";
  }

  @AfterEach
  void stop() throws IOException {
    if (live != null) {
      live.close();
    }
    slackApi.shutdown();
    connector.shutdown();
  }

  @Test
  void hostileRequestsOnEveryHttpSurfaceNeverFailLeakOrChangeWhatTheyMayNot() throws Exception {
    long started = System.nanoTime();
    victimHoldsCasesAndReminders();
    acmeHoldsOneCase();
    Map<String, List<String>> settled = settle();
    assertThat(victimRows().get("cases")).as("the victim's cases").hasSize(5);
    assertThat(victimRows().get("reminders")).as("the victim's reminders").hasSize(3);
    acmeSession = dashboardSession();
    outbound.clear();
    otherWorkspacesAreToldTheVictimsCasesDoNotExist();
    settled = settle();

    // 1. Requests that must all be refused: nothing at all changes.
    for (int i = 1; i <= 40 * ROUNDS; i++) {
      slackRefused();
      slackForgedReminderForm();
      teamsRefused();
      restRefused();
      globexNamesTheVictim();
      dashboardRefused();
      if (i % 10 == 0) {
        assertThat(failures).as("failures (seed " + SEED + ")").isEmpty();
        assertThat(snapshot(false)).as("refused requests changed nothing").isEqualTo(settled);
      }
    }

    // 2. Hostile requests that reach the core as another workspace: the victim's rows stay.
    Map<String, List<String>> victim = victimRows();
    for (int i = 0; i < 10 * ROUNDS; i++) {
      for (int k = 0; k < 40; k++) {
        slackCommand();
      }
      for (int k = 0; k < 15; k++) {
        slackInteraction();
      }
      for (int k = 0; k < 10; k++) {
        slackEvent();
      }
      for (int k = 0; k < 30; k++) {
        teamsActivity();
      }
      for (int k = 0; k < 30; k++) {
        restAsAcme();
      }
      for (int k = 0; k < 10; k++) {
        dashboardAsAcme();
      }
      assertThat(victimRows()).as("the victim's rows after round " + i).isEqualTo(victim);
    }
    quiet();
    assertThat(victimRows()).as("the victim's rows at the end").isEqualTo(victim);
    for (String sent : outbound) {
      if (sent.contains(MARK)) {
        failures.add("the victim's data was sent out: " + cut(sent));
      }
    }
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "HostileInputTest seed=%d: %d requests %s in %d ms%n",
        SEED, total, counts, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertThat(failures).as("failures (seed " + SEED + ")").isEmpty();
    assertThat(total).isGreaterThan(2000 * ROUNDS);
  }

  // ---------------------------------------------------------------- setup

  private void victimHoldsCasesAndReminders() {
    for (int n = 1; n <= 5; n++) {
      LiveServer.Answer a =
          live.send(
              "POST",
              "/api/v1/cases",
              VICTIM_TOKEN,
              "{\"external_ref\":\"VIC-"
                  + n
                  + "\",\"subject\":\""
                  + MARK
                  + " case "
                  + n
                  + "\",\"customer\":\""
                  + MARK
                  + " Corp\",\"team\":\"billing\",\"actor\":\"UVIC\"}");
      assertThat(a.code()).as(a.text()).isEqualTo(201);
    }
    live.send("POST", "/api/v1/cases/2/claim", VICTIM_TOKEN, "{\"actor\":\"UVIC\"}");
    for (int n = 1; n <= 3; n++) {
      LiveServer.Answer r =
          live.send(
              "POST",
              "/api/v1/reminders",
              VICTIM_TOKEN,
              "{\"recipient\":\"UVIC\",\"due_at\":\"2030-01-09T09:00:00Z\",\"note\":\""
                  + MARK
                  + " note\",\"case\":"
                  + n
                  + "}");
      assertThat(r.code()).as(r.text()).isEqualTo(201);
    }
  }

  private void acmeHoldsOneCase() {
    LiveServer.Answer a = slash("T0ACME", "UANN", "C0SUPPORT", "new Acme's own case");
    assertThat(a.code()).isEqualTo(200);
    assertThat(a.text()).contains("Opened case #1");
  }

  /**
   * The victim's case numbers, references and reminder numbers named from the other workspaces on
   * every surface: "not found", and nothing of the victim's in the answer.
   */
  private void otherWorkspacesAreToldTheVictimsCasesDoNotExist() throws Exception {
    for (String command : new String[] {"show 4", "claim 3", "show ref:VIC-2", "resolve 5"}) {
      LiveServer.Answer a = slash("T0ACME", "UANN", "C0SUPPORT", command);
      assertThat(a.json().path("text").asText()).as(command).startsWith("I can't find case ");
      assertThat(a.text()).doesNotContain(MARK);
    }
    assertThat(slash("T0ACME", "UANN", "C0SUPPORT", "cancel 2").json().path("text").asText())
        .startsWith("I can't find reminder 2");
    for (String path :
        new String[] {"/api/v1/cases/3", "/api/v1/cases/by-ref/VIC-3", "/api/v1/reminders/1"}) {
      LiveServer.Answer a = live.send("GET", path, GLOBEX_TOKEN, null);
      assertThat(a.code()).as(path).isEqualTo(404);
      assertThat(a.text()).doesNotContain(MARK);
      assertThat(
              live.send(
                      "POST",
                      path.replace("/by-ref/VIC-3", "/3") + "/claim",
                      GLOBEX_TOKEN,
                      "{\"actor\":\"UG\"}")
                  .code())
          .isIn(404, 405);
    }
    ObjectNode show = activity("message", ATTACKER_TENANT);
    show.put("text", "show 4");
    assertThat(teamsPost("teams show", show.toString(), JSON, Map.of()).code()).isEqualTo(202);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (outbound.stream().noneMatch(o -> o.contains("find case #4"))) {
      assertThat(System.nanoTime()).as("Teams answers show 4").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(String.join("\n", outbound)).doesNotContain(MARK);
  }

  /** Waits until deliveries queued so far are done and the database stands still. */
  private Map<String, List<String>> settle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Map<String, List<String>> last = snapshot(false);
    int still = 0;
    while (still < 3) {
      Thread.sleep(200);
      Map<String, List<String>> now = snapshot(false);
      still = now.equals(last) ? still + 1 : 0;
      last = now;
      assertThat(System.nanoTime()).as("the database settles").isLessThan(deadline);
    }
    return last;
  }

  private void quiet() throws Exception {
    settle();
  }

  // ---------------------------------------------------------------- corpus

  private static final String[] VERBS = {
    "new",
    "claim",
    "release",
    "assign",
    "wait",
    "resume",
    "progress",
    "answered",
    "resolve",
    "reopen",
    "close",
    "show",
    "cases",
    "report",
    "csat",
    "remind",
    "reminders",
    "snooze",
    "done",
    "cancel",
    "digest",
    "whoami",
    "admin",
    "help",
    "ref:VIC-1",
    "#3",
    "",
    "DROP",
    "claim\u0000",
    "ＣＬＡＩＭ",
    "Claim",
    "c l a i m"
  };

  private static final String[] FRAGMENTS = {
    "'; DROP TABLE cases;--",
    "1 OR 1=1",
    "\" OR \"\"=\"",
    "1; SELECT * FROM tenants",
    "<@U123|x>",
    "<@UVIC|Victim>",
    "<@UVIC>",
    "<!channel>",
    "<!here|here>",
    "<#C0BILLING|billing>",
    "<@",
    "<@U0\u0000>",
    "<at>Victim</at>",
    "\u0000",
    "\u0001\u0002\u0003",
    "\u001b[31m",
    "\r\n",
    "\t",
    "\u007f",
    "\u202e",
    "\u200b\u200d\ufeff",
    "\u2066abc\u2069",
    "🔥",
    "👩‍👩‍👧‍👦",
    "\ud800",
    "\udfff",
    "-1",
    "0",
    "#0",
    "#-5",
    "999999999999999999999",
    "2147483648",
    "9223372036854775808",
    "1e9",
    "0x10",
    "١٢",
    "４２",
    "1",
    "2",
    "3",
    "4",
    "5",
    "#2",
    "ref:VIC-2",
    "VIC-3",
    "ref:",
    "ref:" + "R".repeat(300),
    "1h",
    "-1h",
    "99999999d",
    "0m",
    "1.5h",
    "1hh",
    "tomorrow 25:61",
    "9999-99-99",
    "+999999999-12-31T23:59:59Z",
    "P1D",
    "PT-1S",
    "in -5 minutes",
    "at 99:99",
    "next blursday",
    "!urgent",
    "!high!low",
    "!",
    "%s%n%x",
    "${jndi:ldap://127.0.0.1/x}",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "*bold* _it_ ~s~ `code` ```block```",
    "../../etc/passwd",
    "%00",
    "%2e%2e%2f",
    "set",
    "hours",
    "holiday",
    "billing",
    "team:billing",
    "T0VICTIM",
    VICTIM,
    "teams:victim",
    "UVIC",
    "null",
    "undefined",
    "NaN",
    "[]",
    "{}",
    "\\",
    "\"",
    "'",
    "|",
    "&text=claim+1",
  };

  private String hostileText() {
    StringBuilder s = new StringBuilder();
    switch (random.nextInt(12)) {
      case 0 -> s.append(pick(VERBS)).append(' ').append("A".repeat(1 + random.nextInt(300_000)));
      case 1 -> s.append(randomChars(1 + random.nextInt(2000)));
      case 2 -> {
        for (int i = 0; i < 200 + random.nextInt(2000); i++) {
          s.append(pick(FRAGMENTS)).append(' ');
        }
      }
      default -> {
        s.append(pick(VERBS));
        int parts = random.nextInt(5);
        for (int i = 0; i < parts; i++) {
          s.append(random.nextInt(6) == 0 ? "" : " ").append(pick(FRAGMENTS));
        }
      }
    }
    return s.toString();
  }

  private String randomChars(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(4);
      s.append(
          (char)
              switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0x80 + random.nextInt(0x700);
                default -> random.nextInt(0x10000);
              });
    }
    return clean(s.toString());
  }

  /** Hostile text never carries the leak mark or the words the trace check looks for. */
  private static String clean(String s) {
    String out = s.replace(MARK, "");
    for (String marker : TRACE_MARKERS) {
      out = out.replace(marker, "");
    }
    return out;
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private String hostileId() {
    return pick(
        new String[] {
          "",
          "U" + "9".repeat(500),
          "U\u0000",
          "U'; DROP TABLE people;--",
          "UVIC",
          "<@UVIC>",
          "T0VICTIM",
          "\u202eUANN",
          "🔥",
          "../UANN",
          "UANN",
          "UBOB",
          "U123",
          "null",
          "x".repeat(200),
        });
  }

  // ---------------------------------------------------------------- Slack

  private LiveServer.Answer slash(String team, String user, String channel, String text) {
    String body =
        form(
            "token",
            "ignored",
            "team_id",
            team,
            "team_domain",
            "acme",
            "channel_id",
            channel,
            "channel_name",
            "support",
            "user_id",
            user,
            "user_name",
            "ann",
            "command",
            "/followup",
            "text",
            text,
            "response_url",
            slackApi.url("/hooks/1").toString(),
            "trigger_id",
            triggerId());
    return signed("slack command", body, FORM);
  }

  /** Unique per request, as Slack's are: a request sent twice is a replay, and has no effect. */
  private String triggerId() {
    return "1.2." + Long.toHexString(random.nextLong());
  }

  private static String form(String... pairs) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        continue;
      }
      if (s.length() > 0) {
        s.append('&');
      }
      s.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  private LiveServer.Answer signed(String kind, String body, MediaType type) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    Request.Builder r =
        new Request.Builder()
            .url(live.url("/slack/events"))
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", signer.sign(ts, bytes))
            .post(RequestBody.create(bytes, type));
    return check(kind, r.build(), body);
  }

  /** A signed slash command from our workspace, with hostile text or fields. */
  private void slackCommand() {
    String text = hostileText();
    if (random.nextInt(10) == 0) {
      String body =
          form(
              "team_id", random.nextBoolean() ? "T0ACME" : null,
              "user_id", random.nextBoolean() ? hostileId() : null,
              "channel_id", random.nextBoolean() ? hostileId() : null,
              "command", pick(new String[] {"/followup", "", "/other", null, "followup"}),
              "text", random.nextBoolean() ? text : null,
              "response_url", pick(new String[] {"", "file:///etc/passwd", "http://[::1", null}));
      signed("slack command (odd fields)", body, FORM);
      return;
    }
    LiveServer.Answer a = slash("T0ACME", "UANN", "C0SUPPORT", text);
    if (a.code() != 200) {
      failures.add("a signed slash command got " + a.code() + ": " + cut(text));
    }
  }

  /** A signed block_actions (or other interactivity) payload, hostile in shape or value. */
  private void slackInteraction() {
    String team = random.nextInt(8) == 0 ? "T0VICTIM" : "T0ACME";
    ObjectNode p = J.objectNode();
    p.put(
        "type",
        pick(
            new String[] {
              "block_actions",
              "block_actions",
              "block_actions",
              "view_submission",
              "shortcut",
              "message_action",
              "interactive_message",
              "nonsense",
              ""
            }));
    p.putObject("team").put("id", team).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("team_id", team).put("name", "ann");
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("trigger_id", triggerId());
    ObjectNode container = p.putObject("container");
    container.put("type", random.nextInt(5) == 0 ? "view" : "message");
    container.put("channel_id", "C0SUPPORT");
    container.put("message_ts", "1795.000100");
    container.put("is_ephemeral", random.nextBoolean());
    p.putObject("channel").put("id", "C0SUPPORT");
    p.put(
        "response_url",
        pick(
            new String[] {
              slackApi.url("/hooks/2").toString(),
              "http://127.0.0.1:1/steal",
              "file:///etc/passwd",
              "https://hooks.slack.com.evil.example/x",
              "javascript:alert(1)",
              ""
            }));
    ArrayNode actions = p.putArray("actions");
    ObjectNode action = actions.addObject();
    action.put("action_id", BUTTON_IDS[random.nextInt(BUTTON_IDS.length)]);
    action.put("block_id", "b1");
    action.put("type", "button");
    action.put("action_ts", "1795.1");
    switch (random.nextInt(6)) {
      case 0 -> action.put("value", 3);
      case 1 -> action.putObject("value").put("command", "claim 3");
      case 2 -> action.putArray("value").add("claim 3");
      default -> action.put("value", victimCommand());
    }
    switch (random.nextInt(10)) {
      case 0 -> p.remove("user");
      case 1 -> p.remove("actions");
      case 2 -> p.putArray("actions");
      case 3 -> p.putArray("actions").addNull();
      case 4 -> p.put("actions", "claim 3");
      case 5 -> p.put("user", 42);
      case 6 -> p.put("container", "message");
      case 7 -> p.remove("team");
      default -> {}
    }
    String json =
        switch (random.nextInt(12)) {
          case 0 -> "{";
          case 1 -> "null";
          case 2 -> "[]";
          case 3 -> "\"block_actions\"";
          case 4 -> "[".repeat(5000) + "]".repeat(5000);
          case 5 -> "{\"type\":\"block_actions\",\"actions\":" + "[".repeat(5000);
          case 6 -> p.toString().replace("\"", "'");
          default -> p.toString();
        };
    signed("slack interaction", form("payload", json), FORM);
  }

  private static final String[] BUTTON_IDS = {
    "followup_0", "followup_1", "followup_999999999999999", "followup_", "other", ""
  };

  /** A command naming the victim's numbers and references, or something stranger. */
  private String victimCommand() {
    return pick(
            new String[] {
              "claim 3",
              "show 4",
              "show ref:VIC-4",
              "resolve 2 done",
              "close 1",
              "reopen 1",
              "assign 5 <@UANN>",
              "release 2",
              "done 1",
              "cancel 2",
              "snooze 3 1h",
              "csat 1 5",
              "wait 5 1d",
              "progress 2 note",
              "answered 3",
            })
        + (random.nextInt(4) == 0 ? " " + pick(FRAGMENTS) : "");
  }

  /** A signed Events API request with a hostile shape. */
  private void slackEvent() {
    ObjectNode e = J.objectNode();
    e.put("token", "ignored");
    String team = random.nextInt(8) == 0 ? "T0VICTIM" : "T0ACME";
    e.put("team_id", team);
    e.put("api_app_id", "A0FOLLOWUP");
    e.put(
        "type",
        pick(
            new String[] {
              "event_callback", "event_callback", "url_verification", "app_rate_limited", "nonsense"
            }));
    e.put("event_id", "Ev" + random.nextLong());
    e.put("event_time", 1_800_000_000L);
    e.putArray("authorizations").addObject().put("team_id", team).put("user_id", "UBOT");
    ObjectNode ev = e.putObject("event");
    ev.put(
        "type",
        pick(
            new String[] {
              "app_mention",
              "app_mention",
              "app_home_opened",
              "message",
              "app_uninstalled",
              "tokens_revoked",
              "reaction_added",
              "",
              "nonsense"
            }));
    ev.put("user", "UANN");
    ev.put("text", "<@UBOT> " + (random.nextBoolean() ? victimCommand() : hostileText()));
    ev.put("channel", "C0SUPPORT");
    ev.put("ts", "1795.000200");
    ev.put("tab", "home");
    ev.put("event_ts", "1795.000200");
    switch (random.nextInt(14)) {
      case 0 -> e.put("event", "app_mention");
      case 1 -> e.putArray("event").add(1);
      case 2 -> e.remove("event");
      case 3 -> ev.put("text", 42);
      case 4 -> ev.putObject("user").put("id", "UANN");
      case 5 -> e.put("authorizations", "T0ACME");
      case 6 -> e.remove("event_id");
      case 7 -> e.put("event_id", "Ev" + "9".repeat(5000));
      case 8 -> e.put("challenge", hostileText());
      case 9 -> ev.put("tab", 7);
      case 10 -> ev.remove("user");
      case 11 -> e.put("event_time", "yesterday");
      default -> {}
    }
    // Conversation-shaped fields: messages and reactions with odd subtypes, threads and items.
    switch (random.nextInt(12)) {
      case 0 -> ev.put("subtype", pick(new String[] {"message_changed", "bot_message", "x", ""}));
      case 1 ->
          ev.put("thread_ts", pick(new String[] {"1795.000100", "", "not-a-ts", "9".repeat(40)}));
      case 2 -> ev.put("text", "a".repeat(40_000));
      case 3 -> ev.put("text", ":fire: :fire: 🎉");
      case 4 -> ev.put("channel", pick(new String[] {"C0UNKNOWN", "C0BILLING", "", "D0DM"}));
      case 5 -> ev.put("ts", pick(new String[] {"", "-1", "1e9", "1795.0000001", "x".repeat(300)}));
      case 6 -> ev.put("reaction", pick(new String[] {"ticket", "eyes", "white_check_mark", ""}));
      case 7 ->
          ev.putObject("item")
              .put("type", "message")
              .put("channel", "C0BILLING")
              .put("ts", "1795.000200");
      case 8 -> ev.put("item", "C0BILLING");
      case 9 -> ev.put("team", pick(new String[] {"T0GLOBEX", "T0VICTIM", ""}));
      default -> {}
    }
    String body =
        switch (random.nextInt(10)) {
          case 0 -> "{\"type\":\"event_callback\",";
          case 1 -> "{\"event\":" + "{\"event\":".repeat(3000) + "1" + "}".repeat(3001);
          default -> e.toString();
        };
    signed("slack event", body, JSON);
  }

  /** Requests Slack's endpoint must refuse (401, 400, 413) before anything runs. */
  /**
   * A signed "Remind me about this" submission whose private_metadata this bot never sealed: a
   * forged seal, one naming the victim's workspace, or none that parses. It sets nothing.
   */
  private void slackForgedReminderForm() {
    String link = "https://slack.com/archives/C0VICTIM/p1795000100000100";
    String metadata =
        switch (random.nextInt(5)) {
          case 0 ->
              "{\"team\":\"T0ACME\",\"channel\":\"C0SUPPORT\",\"ts\":\"1795000100.000100\","
                  + "\"thread\":\"\",\"link\":\""
                  + link
                  + "\",\"seal\":\""
                  + "0".repeat(64)
                  + "\"}";
          case 1 ->
              "{\"team\":\"T0VICTIM\",\"channel\":\"C0VICTIM\",\"ts\":\"1795000100.000100\","
                  + "\"thread\":\"\",\"link\":\""
                  + link
                  + "\",\"seal\":\"zz\"}";
          case 2 -> "{\"team\":\"T0ACME\"}";
          case 3 -> "x".repeat(4000);
          default -> "";
        };
    ObjectNode p = J.objectNode();
    p.put("type", "view_submission");
    String team = random.nextInt(4) == 0 ? "T0VICTIM" : "T0ACME";
    p.putObject("team").put("id", team).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("team_id", team).put("name", "ann");
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("trigger_id", triggerId());
    ObjectNode view = p.putObject("view");
    view.put("id", "V0FORGED" + random.nextInt(1_000_000));
    view.put("team_id", team);
    view.put("type", "modal");
    view.put("callback_id", "followup_remind_me_submit");
    view.put("private_metadata", metadata);
    ObjectNode values = view.putObject("state").putObject("values");
    values
        .putObject("when")
        .putObject("value")
        .put("type", "datetimepicker")
        .put("selected_date_time", System.currentTimeMillis() / 1000 + 86_400);
    values
        .putObject("note")
        .putObject("value")
        .put("type", "plain_text_input")
        .put("value", hostileText());
    signed("slack forged reminder form", form("payload", p.toString()), FORM);
  }

  private void slackRefused() {
    String body =
        form(
            "team_id",
            "T0ACME",
            "user_id",
            "UANN",
            "command",
            "/followup",
            "text",
            "new forged " + random.nextInt(1000));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    String fresh = Long.toString(now);
    String good = signer.sign(fresh, bytes);
    List<Supplier<Request.Builder>> refused =
        List.of(
            () -> slackPost(bytes, FORM),
            () -> slackPost(bytes, FORM).header("X-Slack-Request-Timestamp", fresh),
            () ->
                slackPost(bytes, FORM)
                    .header("X-Slack-Request-Timestamp", fresh)
                    .header("X-Slack-Signature", "v0=" + "0".repeat(64)),
            () ->
                slackPost((body + "x").getBytes(StandardCharsets.UTF_8), FORM)
                    .header("X-Slack-Request-Timestamp", fresh)
                    .header("X-Slack-Signature", good),
            () -> {
              String stale = Long.toString(now - 3600);
              return slackPost(bytes, FORM)
                  .header("X-Slack-Request-Timestamp", stale)
                  .header("X-Slack-Signature", signer.sign(stale, bytes));
            },
            () -> {
              String future = Long.toString(now + 3600);
              return slackPost(bytes, FORM)
                  .header("X-Slack-Request-Timestamp", future)
                  .header("X-Slack-Signature", signer.sign(future, bytes));
            },
            () ->
                slackPost(bytes, FORM)
                    .header("X-Slack-Request-Timestamp", "yesterday")
                    .header("X-Slack-Signature", good),
            () ->
                slackPost(bytes, FORM)
                    .header("X-Slack-Request-Timestamp", "9".repeat(40))
                    .header("X-Slack-Signature", good),
            () ->
                slackPost(bytes, FORM)
                    .header("X-Slack-Request-Timestamp", fresh)
                    .header("X-Slack-Signature", good.replace("v0=", "v1=")),
            () ->
                slackPost(bytes, FORM)
                    .header("X-Slack-Request-Timestamp", fresh)
                    .header("X-Slack-Signature", "v0=" + "z".repeat(4000)),
            () ->
                slackPost(new byte[0], FORM)
                    .header("X-Slack-Request-Timestamp", fresh)
                    .header("X-Slack-Signature", good),
            () -> slackPost(new byte[0], null),
            () ->
                slackPost(new byte[(1 << 20) + 1], FORM).header("X-Slack-Request-Timestamp", fresh),
            () -> slackPost(bytes, MediaType.get("text/plain")));
    for (Supplier<Request.Builder> r : refused) {
      LiveServer.Answer a = check("slack refused", r.get().build(), body);
      if (a.code() != 401 && a.code() != 413) {
        failures.add("an unsigned or forged Slack request got " + a.code() + ": " + a.text());
      }
    }
    for (String method : new String[] {"GET", "PUT", "DELETE"}) {
      check(
          "slack " + method,
          new Request.Builder()
              .url(live.url("/slack/events"))
              .method(method, method.equals("GET") ? null : RequestBody.create(bytes, FORM))
              .build(),
          method);
    }
    // Signed, but from another workspace: refused politely.
    for (String team : new String[] {"T0VICTIM", "", "t0acme", "T0ACME\u0000"}) {
      LiveServer.Answer a = slash(team, "UANN", "C0SUPPORT", victimCommand());
      if (a.code() >= 300 || !a.text().contains("workspace only")) {
        failures.add("a slash command from team " + team + " was not refused: " + cut(a.text()));
      }
    }
    ObjectNode click = J.objectNode().put("type", "block_actions");
    click.putObject("team").put("id", "T0VICTIM");
    click.putObject("user").put("id", "UVIC").put("team_id", "T0VICTIM");
    click.putArray("actions").addObject().put("action_id", "followup_1").put("value", "claim 3");
    click.put("response_url", slackApi.url("/hooks/3").toString());
    signed("slack click from another team", form("payload", click.toString()), FORM);
    ObjectNode event = J.objectNode().put("type", "event_callback").put("team_id", "T0VICTIM");
    event.put("event_id", "Ev" + random.nextLong());
    event.putArray("authorizations").addObject().put("team_id", "T0VICTIM");
    event
        .putObject("event")
        .put("type", "app_mention")
        .put("user", "UVIC")
        .put("text", "<@UBOT> claim 3")
        .put("channel", "C0X")
        .put("ts", "1.2");
    signed("slack event from another team", event.toString(), JSON);
  }

  private Request.Builder slackPost(byte[] body, MediaType type) {
    return new Request.Builder()
        .url(live.url("/slack/events"))
        .post(RequestBody.create(body, type));
  }

  // ---------------------------------------------------------------- Teams

  private ObjectNode activity(String type, String tenant) {
    ObjectNode a = J.objectNode();
    a.put("type", type);
    a.put("id", "1" + Long.toHexString(random.nextLong()));
    a.put("timestamp", "2030-01-07T09:00:00.123Z");
    a.put("localTimezone", "Europe/Berlin");
    a.put("serviceUrl", connector.url("/").toString());
    a.put("channelId", "msteams");
    a.putObject("from").put("id", "29:mallory").put("name", "Mallory");
    ObjectNode conversation = a.putObject("conversation");
    conversation.put("id", "a:personal-mallory");
    conversation.put("conversationType", "personal");
    conversation.put("tenantId", tenant);
    a.putObject("recipient").put("id", "28:bot").put("name", "Followup");
    a.put("locale", "en-US");
    a.putObject("channelData").putObject("tenant").put("id", tenant);
    return a;
  }

  private static final String ATTACKER_TENANT = "0a0a0a0a-1111-2222-3333-444444444444";

  /** An activity from an attacking Teams tenant: hostile texts, shapes, card data and tenants. */
  private void teamsActivity() {
    String tenant =
        random.nextInt(6) == 0
            ? pick(
                new String[] {
                  "T0VICTIM",
                  VICTIM,
                  "slack",
                  "t".repeat(141),
                  "x".repeat(5000),
                  " ",
                  "\u0000",
                  "../" + ATTACKER_TENANT,
                  "'; DROP TABLE tenants;--"
                })
            : ATTACKER_TENANT;
    ObjectNode a;
    switch (random.nextInt(5)) {
      case 0 -> {
        a = activity("invoke", tenant);
        a.put("name", random.nextInt(4) == 0 ? "composeExtension/query" : "adaptiveCard/action");
        ObjectNode action = a.putObject("value").putObject("action");
        action.put("type", "Action.Execute");
        action.put("verb", random.nextInt(5) == 0 ? "other" : "followup");
        switch (random.nextInt(5)) {
          case 0 -> action.putObject("data").put("command", 3);
          case 1 -> action.put("data", "claim 3");
          case 2 -> action.putObject("data").putArray("command").add("claim 3");
          default -> action.putObject("data").put("command", victimCommand());
        }
      }
      case 1 -> {
        a = activity("message", tenant);
        a.put("replyToId", random.nextBoolean() ? "activity-1" : hostileId());
        a.putObject("value").put("command", victimCommand());
      }
      case 2 -> {
        a =
            activity(
                pick(
                    new String[] {
                      "installationUpdate",
                      "conversationUpdate",
                      "typing",
                      "messageReaction",
                      "event",
                      "",
                      "nonsense",
                      "MESSAGE"
                    }),
                tenant);
        a.put("action", pick(new String[] {"add", "remove", "", "x".repeat(1000)}));
        a.put("text", hostileText());
      }
      default -> {
        a = activity("message", tenant);
        a.put("text", random.nextBoolean() ? victimCommand() : hostileText());
        if (random.nextInt(3) == 0) {
          ArrayNode entities = a.putArray("entities");
          ObjectNode m = entities.addObject().put("type", "mention").put("text", "<at>Victim</at>");
          switch (random.nextInt(4)) {
            case 0 -> m.putObject("mentioned").put("id", hostileId()).put("name", hostileText());
            case 1 -> m.put("mentioned", "UVIC");
            case 2 -> entities.add(7);
            default -> {}
          }
        }
      }
    }
    switch (random.nextInt(16)) {
      case 0 -> a.put("text", 42);
      case 1 -> a.remove("from");
      case 2 -> a.putObject("from").put("id", hostileId()).put("name", hostileText());
      case 3 -> a.put("conversation", "a:personal");
      case 4 -> a.put("channelData", "tenant");
      case 5 -> a.put("localTimezone", pick(new String[] {"Mars/Olympus", "../../etc", "+99:99"}));
      case 6 -> a.put("timestamp", "yesterday");
      case 7 -> a.remove("id");
      case 8 -> a.put("id", "9".repeat(5000));
      case 9 -> a.put("type", 7);
      case 10 -> a.putArray("entities").add("mention");
      case 11 -> a.remove("serviceUrl");
      case 12 -> a.put("value", "claim 3");
      case 13 -> ((ObjectNode) a.get("conversation")).put("id", "x".repeat(3000));
      default -> {}
    }
    teamsPost("teams activity", a.toString(), JSON, Map.of());
  }

  /** Requests /api/messages must refuse: not an activity, too big, not local, wrong service. */
  private void teamsRefused() {
    ObjectNode a = activity("message", ATTACKER_TENANT);
    a.put("text", victimCommand());
    ObjectNode elsewhere = a.deepCopy().put("serviceUrl", "https://smba.trafficmanager.net/emea/");
    ObjectNode file = a.deepCopy().put("serviceUrl", "file:///etc/passwd");
    ObjectNode bad = a.deepCopy().put("serviceUrl", "http://[::1");
    String[] bodies = {
      "",
      "{",
      "null",
      "[]",
      "\"message\"",
      "42",
      "{\"type\":",
      "[".repeat(5000),
      "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
      elsewhere.toString(),
      file.toString(),
      bad.toString(),
      "\u0000\u0001",
      "<xml/>"
    };
    for (String body : bodies) {
      teamsPost("teams refused", body, JSON, Map.of());
    }
    teamsPost(
        "teams refused (forwarded)", a.toString(), JSON, Map.of("X-Forwarded-For", "1.2.3.4"));
    teamsPost("teams refused (forwarded)", a.toString(), JSON, Map.of("Forwarded", "for=1.2.3.4"));
    teamsPost(
        "teams refused (too big)", "{\"text\":\"" + "a".repeat(600_000) + "\"}", JSON, Map.of());
    teamsPost("teams refused (form)", "type=message&text=claim+3", FORM, Map.of());
    check("teams GET", new Request.Builder().url(live.url("/api/messages")).get().build(), "GET");
  }

  private LiveServer.Answer teamsPost(
      String kind, String body, MediaType type, Map<String, String> headers) {
    Request.Builder r =
        new Request.Builder()
            .url(live.url("/api/messages"))
            .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type));
    headers.forEach(r::header);
    return check(kind, r.build(), body);
  }

  // ---------------------------------------------------------------- REST

  private static final String[] CASE_ROUTES = {
    "", "/claim", "/release", "/assign", "/wait", "/resume", "/resolve", "/reopen", "/close"
  };

  private static final String[] FIELDS = {
    "subject",
    "customer",
    "priority",
    "team",
    "channel",
    "external_ref",
    "actor",
    "assignee",
    "reason",
    "note",
    "until",
    "recipient",
    "due_at",
    "case",
    "case_ref"
  };

  private String hostileJson() {
    switch (random.nextInt(10)) {
      case 0:
        return pick(
            new String[] {
              "",
              "{",
              "null",
              "[]",
              "\"x\"",
              "42",
              "{\"a\":1}{",
              "{\"actor\":\"U1\",\"actor\":\"U2\"}",
              "[".repeat(3000),
              "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001),
              "\u0000",
              "{\"subject\":\"\\ud800\"}",
              "{\"subject\": tru}"
            });
      default:
        ObjectNode o = J.objectNode();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          String f = pick(FIELDS);
          switch (random.nextInt(12)) {
            case 0 -> o.put(f, random.nextLong());
            case 1 -> o.put(f, 1e300);
            case 2 -> o.put(f, new java.math.BigInteger("9".repeat(60)));
            case 3 -> o.putArray(f).add(hostileText());
            case 4 -> o.putObject(f).put("id", "UVIC");
            case 5 -> o.put(f, true);
            case 6 -> o.putNull(f);
            case 7 -> o.put(f, "x".repeat(70_000));
            case 8 ->
                o.put(
                    f,
                    pick(
                        new String[] {
                          "+999999999-12-31T23:59:59Z",
                          "2030-02-30T00:00Z",
                          "-1",
                          "0",
                          "VIC-1",
                          "ref:VIC-1",
                          "urgent!",
                          "NORMAL",
                          "C0BILLING",
                          "UVIC"
                        }));
            default -> o.put(f, hostileText());
          }
        }
        return o.toString();
    }
  }

  private String hostilePath() {
    String number =
        pick(
            new String[] {
              "1",
              "2",
              "3",
              "4",
              "5",
              "9",
              "0",
              "-1",
              "99999999999",
              "1%00",
              "%2e%2e",
              "..%2F..%2Fetc%2Fpasswd",
              "1;DROP",
              "%F0%9F%94%A5",
              "1e3",
              "%FF%FE",
              "by-ref"
            });
    String ref =
        pick(
            new String[] {
              "VIC-1",
              "VIC-3",
              "vic-1",
              "VIC-1%00",
              "%2e%2e%2f%2e%2e%2fetc",
              "R".repeat(3000),
              "%20",
              "ref:VIC-2",
              "%27%3B%20DROP%20TABLE%20cases%3B--"
            });
    switch (random.nextInt(9)) {
      case 0:
        return "/api/v1/cases/by-ref/" + ref + pick(CASE_ROUTES);
      case 1:
        return "/api/v1/reminders/" + number + (random.nextBoolean() ? "/cancel" : "");
      case 2:
        return "/api/v1/cases?"
            + pick(
                new String[] {
                  "limit=-1",
                  "limit=abc",
                  "limit=99999999999",
                  "cursor=garbage",
                  "cursor=%00",
                  "status=DROP",
                  "status=open,open,nonsense",
                  "updated_since=xx",
                  "updated_since=+999999999-12-31T23:59:59Z",
                  "limit=1&limit=2",
                  "%ZZ=1",
                  "a=%ZZ",
                  "external_ref=VIC-1",
                  "owner=UVIC",
                  "team=..%2F",
                  "cursor=" + "A".repeat(3000),
                  "external_ref=" + "R".repeat(500)
                });
      case 3:
        return pick(
            new String[] {
              "/api/v1/webhooks/deliveries?limit=-5",
              "/api/v1/webhooks/deliveries?cursor=%7B%7D",
              "/api/v1/nowhere",
              "/api/v1/",
              "/api/v1",
              "/api/v1/cases/1/claim/extra",
              "/api/v1/%2e%2e/%2e%2e/etc/passwd",
              "/api/v1/cases//1",
              "/api/v1/openapi.json?x=%ZZ"
            });
      default:
        return "/api/v1/cases/" + number + pick(CASE_ROUTES);
    }
  }

  private Request restRequest(String token, boolean mayCreate) {
    String path = hostilePath();
    if (mayCreate && random.nextInt(5) == 0) {
      path = random.nextBoolean() ? "/api/v1/cases" : "/api/v1/reminders";
    }
    String method =
        pick(new String[] {"GET", "POST", "POST", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"});
    String json = hostileJson();
    MediaType type =
        random.nextInt(8) == 0
            ? pick(
                new MediaType[] {
                  MediaType.get("text/plain"),
                  FORM,
                  MediaType.get("application/json; charset=latin1")
                })
            : JSON;
    Request.Builder r =
        new Request.Builder()
            .url(live.url(path))
            .method(
                method,
                method.equals("GET") || method.equals("OPTIONS")
                    ? null
                    : RequestBody.create(json.getBytes(StandardCharsets.UTF_8), type));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r.build();
  }

  private void restAsAcme() {
    Request r = restRequest(ACME_TOKEN, true);
    check("rest acme " + r.method() + " " + r.url().encodedPath(), r, r.url().toString());
  }

  /** API requests without a valid token, and ACME requests that fail validation. */
  private void restRefused() {
    for (String token :
        new String[] {null, "", "x", ACME_TOKEN + "x", VICTIM_TOKEN.toUpperCase(Locale.ROOT)}) {
      Request r = restRequest(token, true);
      LiveServer.Answer a = check("rest without a token", r, r.url().toString());
      // 401, or 400/404/405 from Jetty for a path it will not even route (%2F, %00, //).
      if (a.code() < 400 && !r.url().encodedPath().endsWith("/openapi.json")) {
        failures.add("no valid token but " + a.code() + " for " + r.method() + " " + r.url());
      }
    }
    // Every field wrong: nothing may change.
    String path = "/api/v1/cases/1" + pick(new String[] {"", "/claim", "/assign", "/wait"});
    String body = "{\"hostile_field\":1,\"actor\":" + (random.nextBoolean() ? "7" : "[]") + "}";
    LiveServer.Answer a =
        live.send(random.nextBoolean() ? "PATCH" : "POST", path, ACME_TOKEN, body);
    count("rest invalid");
    verify("rest invalid " + path, a, body);
    if (a.code() < 400) {
      failures.add("an invalid body was accepted at " + path + ": " + a.code());
    }
    for (String method : new String[] {"PUT", "DELETE", "TRACE"}) {
      Request wrong =
          new Request.Builder()
              .url(live.url("/api/v1/cases/1"))
              .header("Authorization", "Bearer " + ACME_TOKEN)
              .method(method, method.equals("TRACE") ? null : RequestBody.create("{}", JSON))
              .build();
      LiveServer.Answer w = check("rest wrong method", wrong, method);
      if (w.code() != 405) {
        failures.add(method + " /api/v1/cases/1 got " + w.code());
      }
    }
  }

  /** GLOBEX (no cases of its own) naming the victim's cases and reminders: 404, never theirs. */
  private void globexNamesTheVictim() {
    for (int i = 0; i < 6; i++) {
      Request r = restRequest(GLOBEX_TOKEN, false);
      if (r.method().equals("POST") && random.nextBoolean()) {
        String json =
            random.nextBoolean()
                ? "{\"recipient\":\"UVIC\",\"due_at\":\"2030-01-09T09:00:00Z\",\"case\":"
                    + (1 + random.nextInt(5))
                    + "}"
                : "{\"recipient\":\"UVIC\",\"due_at\":\"2030-01-09T09:00:00Z\",\"case_ref\":\"VIC-"
                    + (1 + random.nextInt(5))
                    + "\"}";
        r =
            new Request.Builder()
                .url(live.url("/api/v1/reminders"))
                .header("Authorization", "Bearer " + GLOBEX_TOKEN)
                .post(RequestBody.create(json, JSON))
                .build();
      }
      LiveServer.Answer a = check("rest globex", r, r.method() + " " + r.url());
      boolean listing =
          r.method().equals("GET")
              && (r.url().encodedPath().equals("/api/v1/cases")
                  || r.url().encodedPath().startsWith("/api/v1/webhooks")
                  || r.url().encodedPath().endsWith("/openapi.json"));
      if (a.code() < 400 && !listing && !r.method().equals("OPTIONS")) {
        failures.add("GLOBEX got " + a.code() + " for " + r.method() + " " + r.url());
      }
      if (listing && a.code() == 200 && a.text().contains("\"number\"")) {
        failures.add("GLOBEX listed cases: " + cut(a.text()));
      }
    }
  }

  // ---------------------------------------------------------------- the dashboard

  private static final String[] DASHBOARD_PATHS = {
    "/dashboard/",
    "/dashboard/queue/rows",
    "/dashboard/cases/1",
    "/dashboard/cases/2",
    "/dashboard/cases/5",
    "/dashboard/cases/999999999",
    "/dashboard/reminders",
    "/dashboard/reports",
    "/dashboard/schedules",
    "/dashboard/schedules/billing",
    "/dashboard/reminders/1",
    "/dashboard/assets/../../etc/passwd",
    "/dashboard/%2e%2e/api/v1/cases",
    "/dashboard/sign-out"
  };

  private String[] acmeSession;

  /** Acme's Ann signed in to the dashboard: her cookie and CSRF token. */
  private String[] dashboardSession() throws IOException {
    String link =
        live.core()
            .dashboardLinks()
            .issue(
                new dev.followupbot.core.domain.UserRef(
                    dev.followupbot.core.domain.TenantId.fromKey("slack:T0ACME"), "UANN"))
            .toString();
    OkHttpClient noRedirects = http.newBuilder().followRedirects(false).build();
    try (okhttp3.Response r =
        noRedirects.newCall(new Request.Builder().url(link).build()).execute()) {
      String cookie = r.header("Set-Cookie").split(";")[0];
      LiveServer.Answer page =
          live.execute(
              new Request.Builder().url(live.url("/dashboard/")).header("Cookie", cookie).build());
      int at = page.text().indexOf("name=\"csrf\" value=\"") + 20;
      return new String[] {cookie, page.text().substring(at, page.text().indexOf('"', at))};
    }
  }

  /** No session, a forged one, a forged link, or no CSRF token: 4xx, and nothing changes. */
  private void dashboardRefused() {
    String path = pick(DASHBOARD_PATHS);
    String[] cookies = {
      null,
      "followup_session=" + "A".repeat(43),
      "followup_session=../../etc",
      "followup_session=" + "x".repeat(random.nextInt(300)),
      "other=1; followup_session="
    };
    Request.Builder get = new Request.Builder().url(live.url(path));
    String cookie = pick(cookies);
    if (cookie != null) {
      get.header("Cookie", cookie);
    }
    expectRefused("dashboard unsigned", get.build(), path);
    // Capped: a longer address is refused by Jetty (414) before the dashboard sees it.
    String token = random.nextBoolean() ? "A".repeat(43) : cut(clean(hostileText()), 2000);
    expectRefused(
        "dashboard link",
        new Request.Builder()
            .url(
                live.url("/dashboard/sign-in")
                    + "?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))
            .build(),
        token);
    String body = "action=claim&note=" + URLEncoder.encode(hostileText(), StandardCharsets.UTF_8);
    expectRefused(
        "dashboard no-csrf",
        new Request.Builder()
            .url(
                live.url(
                    pick(
                        new String[] {
                          "/dashboard/cases/1",
                          "/dashboard/reminders/1",
                          "/dashboard/schedules/billing"
                        })))
            .header("Cookie", acmeSession[0])
            .post(RequestBody.create(body, FORM))
            .build(),
        body);
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  private void expectRefused(String kind, Request request, String input) {
    LiveServer.Answer a = check(kind, request, input);
    if (a.code() < 400 && !(a.code() == 303 && kind.equals("dashboard link"))) {
      failures.add(kind + " got " + a.code() + " for " + request.method() + " " + request.url());
    }
  }

  /** Ann, signed in, at the victim's case and reminder numbers with hostile forms. */
  private void dashboardAsAcme() {
    String path = pick(DASHBOARD_PATHS);
    if (path.endsWith("/sign-out")) {
      path = "/dashboard/";
    }
    boolean post = random.nextBoolean();
    Request.Builder r = new Request.Builder().url(live.url(path)).header("Cookie", acmeSession[0]);
    if (post) {
      String form =
          "csrf="
              + acmeSession[1]
              + "&action="
              + pick(new String[] {"claim", "resolve", "assign", "snooze", "done", "cancel", "x"})
              + "&assignee=UVIC&note="
              + URLEncoder.encode(hostileText(), StandardCharsets.UTF_8)
              + "&s.unclaimed.nudge_after="
              + URLEncoder.encode(hostileText(), StandardCharsets.UTF_8);
      r.post(RequestBody.create(form, FORM));
    }
    check("dashboard acme", r.build(), path);
  }

  // ---------------------------------------------------------------- checks

  private LiveServer.Answer check(String kind, Request request, String input) {
    count(kind);
    LiveServer.Answer a;
    try {
      a = live.execute(request);
    } catch (RuntimeException e) {
      failures.add(kind + ": no answer (" + e + ") to " + cut(input));
      return new LiveServer.Answer(599, Map.of(), "");
    }
    verify(kind, a, input);
    return a;
  }

  private void verify(String kind, LiveServer.Answer a, String input) {
    if (a.code() >= 500) {
      failures.add(kind + ": HTTP " + a.code() + " " + cut(a.text()) + " for " + cut(input));
    }
    for (String marker : TRACE_MARKERS) {
      if (a.text().contains(marker)) {
        failures.add(kind + ": '" + marker + "' in " + cut(a.text()) + " for " + cut(input));
      }
    }
    if (a.text().contains(MARK)) {
      failures.add(kind + ": the victim's data in " + cut(a.text()) + " for " + cut(input));
    }
  }

  private void count(String kind) {
    String surface = kind.split(" ")[0];
    counts.merge(surface, 1, Integer::sum);
  }

  private static String cut(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "·");
    return one.length() > 300 ? one.substring(0, 300) + "…(" + s.length() + " chars)" : one;
  }

  // ---------------------------------------------------------------- the database

  /**
   * Every row of followup-bot's own tables (Quartz's and Flyway's left out, and the recorded
   * signatures of signed Slack requests), as text, by table. With {@code victimOnly}, only the
   * victim's rows of tenant-scoped tables, and all rows of the tables shared by every workspace
   * (team settings changed by admins).
   */
  private Map<String, List<String>> snapshot(boolean victimOnly) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet t =
          s.executeQuery(
              "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                  + " AND TABLE_TYPE = 'BASE TABLE'")) {
        while (t.next()) {
          tables.add(t.getString(1));
        }
      }
      for (String table : tables) {
        String lower = table.toLowerCase(Locale.ROOT);
        if (lower.startsWith("qrtz_") || lower.startsWith("flyway")) {
          continue;
        }
        String where = "";
        if (victimOnly) {
          if (hasColumn(c, table, "TENANT_ID")) {
            where = " WHERE TENANT_ID = '" + VICTIM + "'";
          } else if (lower.equals("tenants")) {
            where = " WHERE ID = '" + VICTIM + "'";
          } else if (!lower.equals("team_overrides") && !lower.equals("admin_changes")) {
            continue;
          }
        } else if (lower.equals("seen_events")) {
          // Every signed Slack request leaves its signature, so that a replay has no effect;
          // that is the defence at work, not a change a refused request made.
          where = " WHERE EVENT_KEY NOT LIKE 'slack-signature:%'";
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"" + where)) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i));
              row.append(i < columns ? ", " : "");
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        out.put(lower, rows);
      }
    }
    return out;
  }

  private Map<String, List<String>> victimRows() throws SQLException {
    return snapshot(true);
  }

  private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (ResultSet r = c.getMetaData().getColumns(null, "PUBLIC", table, column)) {
      return r.next();
    }
  }

  // ---------------------------------------------------------------- fakes

  private Dispatcher recording(java.util.function.Function<RecordedRequest, MockResponse> answer) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody().readUtf8();
        outbound.add(request.getPath() + " " + body);
        return answer.apply(request);
      }
    };
  }

  private static MockResponse slack(RecordedRequest request) {
    String path = request.getPath() == null ? "" : request.getPath();
    MockResponse json = new MockResponse().setHeader("Content-Type", "application/json");
    if (path.startsWith("/api/auth.test")) {
      return json.setBody(
          "{\"ok\":true,\"team\":\"Acme\",\"team_id\":\"T0ACME\",\"user_id\":\"UBOT\","
              + "\"bot_id\":\"BBOT\"}");
    }
    if (path.startsWith("/api/users.info")) {
      return json.setBody(
          "{\"ok\":true,\"user\":{\"id\":\"UANN\",\"name\":\"ann\",\"tz\":\"Europe/Berlin\","
              + "\"profile\":{\"display_name\":\"Ann\"}}}");
    }
    if (path.startsWith("/api/conversations.open")) {
      return json.setBody("{\"ok\":true,\"channel\":{\"id\":\"D0ANN\"}}");
    }
    return json.setBody("{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1795.000100\"}");
  }

  private static MockResponse teamsConnector(RecordedRequest request) {
    boolean put = "PUT".equals(request.getMethod());
    return new MockResponse()
        .setResponseCode(put ? 200 : 201)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"id\":\"activity-1\"}");
  }
}
