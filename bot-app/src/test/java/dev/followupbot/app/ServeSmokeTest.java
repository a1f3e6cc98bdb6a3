package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a free port, over real HTTP on loopback. */
class ServeSmokeTest {

  @TempDir Path dataDir;
  private ServeCommand.Server server;
  private final OkHttpClient http = new OkHttpClient();

  @BeforeEach
  void start() throws Exception {
    server =
        ServeCommand.Server.start(
            Settings.from(
                Map.of(
                    "PORT",
                    "0",
                    "FOLLOWUP_MANAGEMENT_PORT",
                    "0",
                    "FOLLOWUP_DATA_DIR",
                    dataDir.toString())),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response get(String path) throws Exception {
    return get(server.port(), path);
  }

  private Response get(int port, String path) throws Exception {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build())
        .execute();
  }

  @Test
  void healthz_on_the_management_port_reports_database_scheduler_and_platforms() throws Exception {
    try (Response r = get(server.managementPort().getAsInt(), "/healthz")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      JsonNode body = new ObjectMapper().readTree(r.body().string());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.at("/database/ok").asBoolean()).isTrue();
      assertThat(body.at("/database/vendor").asText()).isEqualTo("h2");
      assertThat(body.at("/scheduler/running").asBoolean()).isTrue();
      assertThat(body.at("/platforms/slack").asText()).isEqualTo("off");
    }
  }

  @Test
  void healthz_on_the_public_port_says_ok_and_nothing_more() throws Exception {
    try (Response r = get("/healthz")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Test
  void healthz_says_degraded_with_503_when_the_database_is_gone() throws Exception {
    server.bot().database().close();
    try (Response r = get("/healthz")) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(r.body().string()).isEqualTo("{\"status\":\"degraded\"}");
    }
    try (Response r = get(server.managementPort().getAsInt(), "/healthz")) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(r.body().string()).contains("\"status\":\"degraded\"").contains("\"ok\":false");
    }
  }

  @Test
  void unknown_paths_and_methods_get_plain_errors_without_stack_traces() throws Exception {
    try (Response r = get("/nope")) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.body().string()).doesNotContain("at org.").doesNotContain("Exception");
    }
    Request post =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.port() + "/healthz")
            .post(RequestBody.create(new byte[0]))
            .build();
    try (Response r = http.newCall(post).execute()) {
      assertThat(r.code()).isEqualTo(405);
      assertThat(r.body().string()).doesNotContain("at org.");
    }
  }
}
