package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.app.RawHttp;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.MediaType;
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
import org.slf4j.LoggerFactory;

/**
 * The public port as an attacker sees it, over real HTTP on loopback (raw sockets where an HTTP
 * client would tidy the request up): a captured signed request sent again has no effect; every
 * error, whoever answers it, is JSON without a banner or internals and carries the security
 * headers; and /metrics and the detailed health are not there at all, only on the management port.
 */
class PublicEndpointsTest {

  private static final String SECRET = "public-endpoints-signing-secret";
  private static final String TOKEN = "acme-0123456789abcdef0123456789abcdef";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final List<String> INTERNALS =
      List.of(
          "Jetty",
          "<html",
          "Exception",
          "jackson",
          "Jackson",
          "StreamReadConstraints",
          "JsonReadFeature",
          "DeserializationFeature",
          "`",
          "com.");

  @TempDir Path dir;
  private final MockWebServer slackApi = new MockWebServer();
  private final SlackSignatureVerifier signer =
      new SlackSignatureVerifier(SECRET, Clock.systemUTC());
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private LiveServer live;

  @BeforeEach
  void start() throws Exception {
    slackApi.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return slack(request);
          }
        });
    slackApi.start(InetAddress.getLoopbackAddress(), 0);
    live =
        new LiveServer(
            dir,
            "",
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "slack:T0ACME=" + TOKEN,
                "SLACK_BOT_TOKEN",
                "xoxb-9-public-endpoints",
                "SLACK_SIGNING_SECRET",
                SECRET,
                "SLACK_API_URL",
                slackApi.url("/api/").toString(),
                "TEAMS_AUTH",
                "off"));
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void stop() throws IOException {
    root().detachAppender(logs);
    if (live != null) {
      live.close();
    }
    slackApi.shutdown();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  // ------------------------------------------------------------------ replays

  @Test
  void a_captured_slash_command_sent_three_times_opens_one_case() {
    Request captured = signed(command("new Refund for ACME"), FORM);

    LiveServer.Answer first = live.execute(captured);
    LiveServer.Answer second = live.execute(captured);
    LiveServer.Answer third = live.execute(captured);

    assertThat(first.text()).contains("Opened case #1");
    for (LiveServer.Answer repeat : List.of(second, third)) {
      assertThat(repeat.code()).isEqualTo(200);
      assertThat(repeat.text()).isEmpty();
    }
    assertThat(live.send("GET", "/api/v1/cases", TOKEN, null).json().path("cases")).hasSize(1);
  }

  @Test
  void a_captured_claim_click_sent_after_the_owner_released_the_case_does_not_claim_it_again() {
    assertThat(live.execute(signed(command("new Refund for ACME"), FORM)).text())
        .contains("Opened case #1");
    Request click = signed(form("payload", click("claim 1").toString()), FORM);
    assertThat(live.execute(click).code()).isEqualTo(200);
    awaitOwner(Optional.of("UANN"));
    LiveServer.Answer released =
        live.send("POST", "/api/v1/cases/1/release", TOKEN, "{\"actor\":\"UANN\"}");
    assertThat(released.code()).as(released.text()).isEqualTo(200);

    LiveServer.Answer replay = live.execute(click);

    assertThat(replay.code()).isEqualTo(200);
    assertThat(replay.text()).isEmpty();
    JsonNode now = live.send("GET", "/api/v1/cases/1", TOKEN, null).json();
    assertThat(now.path("status").asText()).isEqualTo("unclaimed");
    assertThat(now.path("owner").isNull()).isTrue();
  }

  @Test
  void a_repeated_event_shortcut_or_view_submission_never_reaches_the_bot_twice() {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "event_callback");
    event.put("team_id", "T0ACME").put("event_id", "Ev" + UUID.randomUUID());
    event.putArray("authorizations").addObject().put("team_id", "T0ACME");
    event
        .putObject("event")
        .put("type", "app_mention")
        .put("user", "UANN")
        .put("text", "<@UBOT> help")
        .put("channel", "C0SUPPORT")
        .put("ts", "1795.000200");
    ObjectNode shortcut =
        JsonNodeFactory.instance
            .objectNode()
            .put("type", "shortcut")
            .put("callback_id", "nothing_handles_this")
            .put("trigger_id", "1.2." + UUID.randomUUID());
    shortcut.putObject("team").put("id", "T0ACME");
    shortcut.putObject("user").put("id", "UANN").put("team_id", "T0ACME");
    ObjectNode submission = shortcut.deepCopy().put("type", "view_submission");
    submission.putObject("view").put("id", "V1").put("callback_id", "nothing_handles_this");
    for (Request request :
        List.of(
            signed(event.toString(), JSON),
            signed(form("payload", shortcut.toString()), FORM),
            signed(form("payload", submission.toString()), FORM))) {
      LiveServer.Answer first = live.execute(request);
      LiveServer.Answer repeat = live.execute(request);
      assertThat(first.code()).isLessThan(500);
      assertThat(repeat.code()).isEqualTo(200);
      assertThat(repeat.text()).as("the repeat is not answered by Bolt").isEmpty();
      assertThat(messages()).anyMatch(m -> m.startsWith("ignored a repeat of a signed Slack"));
      logs.list.clear();
    }
  }

  // ------------------------------------------------------------------ errors

  @Test
  void jettys_own_refusals_are_json_without_the_uri_a_banner_or_a_version() {
    Map<String, Integer> requests =
        Map.of(
            "GET /..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            400,
            "GET /a/%2e%2e/%2e%2e/etc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            400,
            "GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            400,
            "GET /slack/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            405,
            "GET /api/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            405,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n",
            431);
    for (Map.Entry<String, Integer> r : requests.entrySet()) {
      RawHttp.Answer a = RawHttp.exchange(live.server.port(), r.getKey(), PATIENCE);
      String what = r.getKey().substring(0, Math.min(40, r.getKey().length()));
      assertThat(a.status()).as(what).isEqualTo(r.getValue());
      assertJsonWithoutInternals(a, what);
      assertThat(a.body()).as(what).doesNotContain("passwd").doesNotContain("%2");
    }
    RawHttp.Answer connect =
        RawHttp.exchange(
            live.server.port(),
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
            PATIENCE);
    assertThat(connect.status()).isBetween(400, 499);
    assertJsonWithoutInternals(connect, "CONNECT");
  }

  @Test
  void a_path_with_an_empty_segment_is_a_json_400_without_a_stack_trace_or_a_banner() {
    for (String path :
        List.of(
            "//",
            "//api/v1/cases",
            "/api//v1/cases",
            "//slack/events",
            "//api/messages",
            "//healthz",
            "//metrics")) {
      for (String auth : List.of("", "Authorization: Bearer " + TOKEN + "\r\n")) {
        String what = "GET " + path + (auth.isEmpty() ? "" : " with the API token");
        RawHttp.Answer a =
            RawHttp.exchange(
                live.server.port(),
                "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
                PATIENCE);
        assertThat(a.status()).as(what).isEqualTo(400);
        assertJsonWithoutInternals(a, what);
        assertThat(a.body()).as(what).doesNotContain("//").doesNotContain("cases\"");
        assertThat(a.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      }
    }
    assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
    assertThat(logs.list).allMatch(e -> e.getThrowableProxy() == null);
  }

  @Test
  void a_body_larger_than_any_platform_sends_is_refused_before_a_byte_of_it_is_read()
      throws Exception {
    for (String path : List.of("/slack/events", "/api/messages", "/api/v1/cases")) {
      try (Socket socket = RawHttp.open(live.server.port(), PATIENCE)) {
        // Only the headers: a server that waited for the body would answer 408 after 10 s.
        socket
            .getOutputStream()
            .write(
                ("POST "
                        + path
                        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        long started = System.nanoTime();
        RawHttp.Answer a = RawHttp.read(socket.getInputStream());
        assertThat(a.status()).as(path).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as(path + ": answered without waiting for the body")
            .isLessThan(Duration.ofSeconds(5));
        assertJsonWithoutInternals(a, path);
      }
    }
  }

  @Test
  void a_body_that_ends_before_its_content_length_is_a_json_400_at_once() throws Exception {
    try (Socket socket = RawHttp.open(live.server.port(), PATIENCE)) {
      socket
          .getOutputStream()
          .write(
              ("POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + TOKEN
                      + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                      + "{\"subject\":")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      RawHttp.Answer a = RawHttp.read(socket.getInputStream());
      assertThat(a.status()).isEqualTo(400);
      assertJsonWithoutInternals(a, "a truncated body");
    }
    assertThat(live.send("GET", "/api/v1/cases", TOKEN, null).json().path("cases")).isEmpty();
  }

  @Test
  void a_rest_body_in_a_bogus_charset_is_refused_with_415_and_one_log_line() {
    for (String charset : List.of("bogus", "utf-7", "latin1")) {
      LiveServer.Answer a =
          live.execute(
              new Request.Builder()
                  .url(live.url("/api/v1/cases"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .post(
                      RequestBody.create(
                          "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                          MediaType.get("application/json; charset=" + charset)))
                  .build());
      assertThat(a.code()).as(charset).isEqualTo(415);
      assertThat(a.json().at("/errors/0/problem").asText()).contains("UTF-8");
    }
    assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
    assertThat(logs.list).allMatch(e -> e.getThrowableProxy() == null);
    assertThat(messages()).filteredOn(m -> m.contains("charset")).hasSize(3);
  }

  @Test
  void malformed_rest_json_is_described_in_the_requests_terms_not_the_parsers() {
    Map<String, String> bodies =
        Map.of(
            "[".repeat(2000) + "]".repeat(2000),
            "nested too deeply",
            "{\"subject\": NaN}",
            "not a JSON value",
            "{\"subject\":\"a\"} {\"subject\":\"b\"}",
            "send one object",
            "{\"subject\":\"a\",\"subject\":\"b\"}",
            "\"subject\" appears twice",
            "{'subject':'a'}",
            "unexpected character '''",
            "{\"subject\":\"a\"",
            "ends before");
    for (Map.Entry<String, String> b : bodies.entrySet()) {
      LiveServer.Answer a = live.send("POST", "/api/v1/cases", TOKEN, b.getKey());
      String what = b.getKey().substring(0, Math.min(30, b.getKey().length()));
      assertThat(a.code()).as(what).isEqualTo(400);
      String message = a.json().at("/errors/0/problem").asText();
      assertThat(message).as(what).startsWith("The body is not valid JSON").contains(b.getValue());
      for (String internal : INTERNALS) {
        assertThat(message).as(what).doesNotContain(internal);
      }
    }
  }

  @Test
  void a_signed_payload_bolt_cannot_route_gets_the_documented_json_error() {
    for (Request request :
        List.of(
            signed("foo=bar", FORM),
            signed("{\"type\":\"nonsense\"}", JSON),
            signed(form("payload", "{\"type\":\"nonsense\"}"), FORM))) {
      LiveServer.Answer a = live.execute(request);
      assertThat(a.code()).isBetween(400, 499);
      assertThat(a.header("Content-Type")).startsWith("application/json");
      assertThat(a.json().path("error").asText()).isNotBlank();
    }
  }

  @Test
  void every_answer_carries_the_security_headers_and_no_server_banner() {
    List<LiveServer.Answer> answers =
        List.of(
            live.send("GET", "/healthz", null, null),
            live.send("GET", "/api/v1/cases", TOKEN, null),
            live.send("GET", "/nowhere", null, null),
            live.send("POST", "/healthz", null, null),
            live.execute(signed(command("help"), FORM)));
    for (LiveServer.Answer a : answers) {
      assertThat(a.header("Server")).as(a.text()).isNull();
      assertThat(a.header("X-Powered-By")).isNull();
      assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(a.header("Content-Security-Policy")).contains("default-src 'none'");
    }
    RawHttp.Answer bad =
        RawHttp.exchange(
            live.server.port(),
            "GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            PATIENCE);
    assertThat(bad.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(bad.header("Server")).isNull();
  }

  // ------------------------------------------------------------------ management

  @Test
  void metrics_are_not_on_the_public_port_but_on_the_management_port_on_loopback()
      throws Exception {
    LiveServer.Answer publicMetrics = live.send("GET", "/metrics", null, null);
    assertThat(publicMetrics.code()).isEqualTo(404);
    assertThat(publicMetrics.text()).doesNotContain("jvm_").doesNotContain("followup_cases");
    assertThat(live.send("GET", "/healthz", null, null).text()).isEqualTo("{\"status\":\"ok\"}");

    LiveServer.Answer scrape = live.management("/metrics");
    assertThat(scrape.code()).isEqualTo(200);
    assertThat(scrape.text()).contains("followup_cases");
    assertThat(live.management("/healthz").json().at("/database/vendor").asText()).isEqualTo("h2");

    Optional<InetAddress> other = nonLoopbackAddress();
    if (other.isPresent()) {
      try (Socket s = new Socket()) {
        assertThat(
                connects(
                    s, new InetSocketAddress(other.get(), live.server.managementPort().getAsInt())))
            .as("the management port listens on 127.0.0.1 only")
            .isFalse();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private void assertJsonWithoutInternals(RawHttp.Answer a, String what) {
    assertThat(a.header("Content-Type")).as(what).startsWith("application/json");
    assertThat(a.header("Server")).as(what).isNull();
    assertThat(a.body()).as(what).startsWith("{\"error\":");
    for (String internal : INTERNALS) {
      assertThat(a.body()).as(what).doesNotContain(internal);
    }
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private void awaitOwner(Optional<String> owner) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JsonNode c = live.send("GET", "/api/v1/cases/1", TOKEN, null).json();
      Optional<String> now =
          c.path("owner").isNull() ? Optional.empty() : Optional.of(c.at("/owner/id").asText());
      if (now.equals(owner)) {
        return;
      }
      assertThat(System.nanoTime()).as("case 1 owned by " + owner).isLessThan(deadline);
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Request signed(String body, MediaType type) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return new Request.Builder()
        .url(live.url("/slack/events"))
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", signer.sign(ts, bytes))
        .post(RequestBody.create(bytes, type))
        .build();
  }

  private String command(String text) {
    return form(
        "team_id", "T0ACME",
        "team_domain", "acme",
        "channel_id", "C0SUPPORT",
        "channel_name", "support",
        "user_id", "UANN",
        "user_name", "ann",
        "command", "/followup",
        "text", text,
        "response_url", slackApi.url("/hooks/1").toString(),
        "trigger_id", "1.2." + UUID.randomUUID());
  }

  private ObjectNode click(String command) {
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("type", "block_actions");
    p.putObject("team").put("id", "T0ACME").put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("team_id", "T0ACME").put("name", "ann");
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("trigger_id", "1.2." + UUID.randomUUID());
    p.putObject("container")
        .put("type", "message")
        .put("channel_id", "C0SUPPORT")
        .put("message_ts", "1795.000100")
        .put("is_ephemeral", false);
    p.putObject("channel").put("id", "C0SUPPORT").put("name", "support");
    p.putObject("message").put("type", "message").put("ts", "1795.000100");
    p.put("response_url", slackApi.url("/hooks/2").toString());
    p.putArray("actions")
        .addObject()
        .put("action_id", "followup_0")
        .put("block_id", "b1")
        .put("type", "button")
        .put("value", command)
        .put("action_ts", "1795.000400");
    return p;
  }

  private static String form(String... pairs) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      s.append(s.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
        .findFirst();
  }

  private static boolean connects(Socket s, InetSocketAddress to) {
    try {
      s.connect(to, 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
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
}
