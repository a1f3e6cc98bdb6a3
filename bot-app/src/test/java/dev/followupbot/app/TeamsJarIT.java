package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar speaking Teams: everything Bot Builder needs at run time is inside it. Runs with
 * TEAMS_AUTH=off as someone trying it locally would, the Bot Connector faked on loopback.
 */
class TeamsJarIT {

  @TempDir Path workDir;

  @Test
  void a_teams_message_to_the_packaged_jar_is_answered_through_the_connector() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer connector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    connector.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestURI()
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(201, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    connector.start();
    String serviceUrl = "http://127.0.0.1:" + connector.getAddress().getPort() + "/";
    Map<String, String> env =
        Map.of(
            "PORT", "0",
            "FOLLOWUP_DATA_DIR", workDir.resolve("data").toString(),
            "TEAMS_AUTH", "off");
    try (LauncherProcess serve = LauncherProcess.start(workDir, env, "serve")) {
      Pattern up = Pattern.compile("up on http://localhost:(\\d+)");
      await().atMost(Duration.ofSeconds(60)).until(() -> up.matcher(serve.output()).find());
      assertThat(serve.output()).contains("Teams: on (auth OFF: loopback only");
      Matcher m = up.matcher(serve.output());
      assertThat(m.find()).isTrue();
      String activity =
          "{\"type\":\"message\",\"id\":\"m1\",\"timestamp\":\"2026-11-23T09:00:00.1234567Z\","
              + "\"localTimezone\":\"Europe/Berlin\",\"serviceUrl\":\""
              + serviceUrl
              + "\",\"channelId\":\"msteams\",\"from\":{\"id\":\"29:ann\",\"name\":\"Ann\"},"
              + "\"conversation\":{\"id\":\"a:ann\",\"conversationType\":\"personal\"},"
              + "\"recipient\":{\"id\":\"28:bot\",\"name\":\"Followup\"},\"text\":\"new Try it\"}";
      Request post =
          new Request.Builder()
              .url("http://127.0.0.1:" + m.group(1) + "/api/messages")
              .post(RequestBody.create(activity, MediaType.get("application/json")))
              .build();
      try (Response r = new OkHttpClient().newCall(post).execute()) {
        assertThat(r.code()).isEqualTo(202);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> String.join("\n", received).contains("Opened case #1 · Try it"));
      assertThat(serve.output()).doesNotContain("NoClassDefFoundError").doesNotContain("\tat ");
    } finally {
      connector.stop(0);
    }
  }

  @Test
  void half_set_teams_variables_stop_the_jar_with_a_precise_message()
      throws IOException, InterruptedException {
    try (LauncherProcess bad =
        LauncherProcess.start(
            workDir,
            Map.of(
                "FOLLOWUP_DATA_DIR",
                workDir.resolve("data").toString(),
                "MicrosoftAppId",
                "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c"),
            "serve")) {
      assertThat(bad.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(bad.output())
          .contains(
              "configuration error: MicrosoftAppId is set but MicrosoftAppPassword is missing")
          .doesNotContain("\tat ");
    }
  }
}
