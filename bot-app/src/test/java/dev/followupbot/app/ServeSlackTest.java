package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with the Slack variables set: the launcher checks the token, mounts Slack at
 * /slack/events on its own Jetty, and answers a signed slash command, with Slack's Web API played
 * by a MockWebServer. A half-finished Slack configuration stops start-up before anything opens.
 */
class ServeSlackTest {

  private static final String SECRET = "serve-test-signing-secret";
  private static final String TOKEN = "xoxb-9-serve-test";

  @TempDir Path dataDir;
  private final MockWebServer slackApi = new MockWebServer();
  private final BlockingQueue<RecordedRequest> seen = new LinkedBlockingQueue<>();
  private volatile String authError;
  private ServeCommand.Server server;
  private final OkHttpClient http = new OkHttpClient();

  @BeforeEach
  void fakeSlack() throws Exception {
    slackApi.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            seen.add(request);
            String path = request.getPath() == null ? "" : request.getPath();
            MockResponse json = new MockResponse().setHeader("Content-Type", "application/json");
            if (path.startsWith("/api/auth.test")) {
              return json.setBody(
                  authError != null
                      ? "{\"ok\":false,\"error\":\"" + authError + "\"}"
                      : "{\"ok\":true,\"team\":\"Acme\",\"team_id\":\"T0ACME\","
                          + "\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}");
            }
            if (path.startsWith("/api/users.info")) {
              return json.setBody(
                  "{\"ok\":true,\"user\":{\"id\":\"UANN\",\"name\":\"ann\",\"tz\":\"Europe/Berlin\","
                      + "\"profile\":{\"display_name\":\"Ann\"}}}");
            }
            if (path.startsWith("/api/chat.postMessage")) {
              return json.setBody("{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1795.000100\"}");
            }
            return json.setBody("{\"ok\":false,\"error\":\"unknown_method\"}");
          }
        });
    slackApi.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    slackApi.shutdown();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("FOLLOWUP_MANAGEMENT_PORT", "0");
    env.put("FOLLOWUP_DATA_DIR", dataDir.toString());
    env.put("SLACK_BOT_TOKEN", TOKEN);
    env.put("SLACK_SIGNING_SECRET", SECRET);
    env.put("SLACK_API_URL", slackApi.url("/api/").toString());
    return env;
  }

  @Test
  void a_signed_slash_command_is_answered_at_slack_events_and_its_card_is_posted()
      throws Exception {
    server = ServeCommand.Server.start(Settings.from(env()), Clock.systemUTC());

    String body =
        "team_id=T0ACME&channel_id=C0SUPPORT&user_id=UANN&command=%2Ffollowup&text="
            + URLEncoder.encode("new Refund for Acme !high", StandardCharsets.UTF_8)
            + "&response_url="
            + URLEncoder.encode(slackApi.url("/hooks/1").toString(), StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String signature =
        new SlackSignatureVerifier(SECRET, Clock.systemUTC())
            .sign(ts, body.getBytes(StandardCharsets.UTF_8));
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.port() + "/slack/events")
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", signature)
            .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded")))
            .build();
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(200);
      JsonNode reply = new ObjectMapper().readTree(r.body().string());
      assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
      assertThat(reply.path("text").asText()).isEqualTo("Opened case #1 · Refund");
    }
    RecordedRequest card = null;
    for (RecordedRequest next = seen.poll(10, TimeUnit.SECONDS);
        next != null;
        next = seen.poll(10, TimeUnit.SECONDS)) {
      if (next.getPath().startsWith("/api/chat.postMessage")) {
        card = next;
        break;
      }
    }
    assertThat(card).as("the case card was posted").isNotNull();
    assertThat(card.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(card.getBody().readUtf8()).contains("channel=C0SUPPORT");

    String unsigned = body.replace("Refund", "Forged");
    Request forged =
        request
            .newBuilder()
            .post(RequestBody.create(unsigned, MediaType.get("application/x-www-form-urlencoded")))
            .build();
    try (Response r = http.newCall(forged).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }

    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url("http://127.0.0.1:" + server.managementPort().getAsInt() + "/healthz")
                    .build())
            .execute()) {
      assertThat(r.body().string()).contains("\"slack\":\"on\"");
    }
  }

  @Test
  void a_token_without_a_secret_stops_start_up_before_the_database_opens() {
    Map<String, String> env = env();
    env.remove("SLACK_SIGNING_SECRET");
    assertThatThrownBy(() -> ServeCommand.Server.start(Settings.from(env), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_SIGNING_SECRET is missing: SLACK_BOT_TOKEN is set");
    assertThat(Files.exists(dataDir.resolve("followup.mv.db"))).isFalse();
    assertThat(slackApi.getRequestCount()).isZero();
  }

  @Test
  void an_empty_secret_stops_start_up_and_says_so() {
    Map<String, String> env = env();
    env.put("SLACK_SIGNING_SECRET", "");
    assertThatThrownBy(() -> ServeCommand.Server.start(Settings.from(env), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_SIGNING_SECRET is set but empty");
  }

  @Test
  void a_secret_without_a_token_stops_start_up() {
    Map<String, String> env = env();
    env.remove("SLACK_BOT_TOKEN");
    assertThatThrownBy(() -> ServeCommand.Server.start(Settings.from(env), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_BOT_TOKEN is missing: SLACK_SIGNING_SECRET is set");
  }

  @Test
  void a_token_slack_refuses_stops_start_up_with_what_to_do() throws Exception {
    authError = "invalid_auth";
    assertThatThrownBy(() -> ServeCommand.Server.start(Settings.from(env()), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SLACK_BOT_TOKEN was refused by Slack (invalid_auth). Copy the token again from the"
                + " app's settings (OAuth & Permissions → Bot User OAuth Token); if the app was"
                + " uninstalled, reinstall it first.");
    RecordedRequest check = seen.poll(5, TimeUnit.SECONDS);
    assertThat(check.getPath()).isEqualTo("/api/auth.test");
    assertThat(Files.exists(dataDir.resolve("followup.mv.db"))).isFalse();
  }
}
