package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipFile;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher turns Teams on from its variables, mounts /api/messages, and writes the app package.
 */
class TeamsServeTest {

  @TempDir Path dataDir;
  private final OkHttpClient http = new OkHttpClient();

  private ServeCommand.Server start(Map<String, String> teams) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(teams);
    env.put("PORT", "0");
    env.put("FOLLOWUP_MANAGEMENT_PORT", "0");
    env.put("FOLLOWUP_DATA_DIR", dataDir.toString());
    return ServeCommand.Server.start(Settings.from(env), Clock.systemUTC());
  }

  @Test
  void with_teams_variables_the_server_mounts_api_messages_and_reports_teams_on() throws Exception {
    try (ServeCommand.Server server =
        start(
            Map.of(
                "MicrosoftAppId", "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c",
                "MicrosoftAppPassword", "secret"))) {
      String base = "http://127.0.0.1:" + server.port();
      String management = "http://127.0.0.1:" + server.managementPort().getAsInt();
      try (Response r =
          http.newCall(new Request.Builder().url(management + "/healthz").build()).execute()) {
        JsonNode body = new ObjectMapper().readTree(r.body().string());
        assertThat(body.at("/platforms/teams").asText()).isEqualTo("on");
      }
      Request unsigned =
          new Request.Builder()
              .url(base + "/api/messages")
              .post(
                  RequestBody.create(
                      "{\"type\":\"message\",\"text\":\"help\",\"channelId\":\"msteams\","
                          + "\"serviceUrl\":\"https://smba.trafficmanager.net/emea/\"}",
                      MediaType.get("application/json")))
              .build();
      try (Response r = http.newCall(unsigned).execute()) {
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.body().string()).startsWith("{").doesNotContain("Exception");
      }
    }
  }

  @Test
  void half_set_teams_variables_stop_start_up_naming_what_is_missing() {
    assertThatThrownBy(
            () -> start(Map.of("MicrosoftAppId", "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppPassword is missing");
  }

  @Test
  void teams_package_writes_the_zip_with_the_app_id() throws Exception {
    TeamsPackageCommand command = new TeamsPackageCommand();
    command.appId = "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c";
    command.out = dataDir.resolve("out/followup-teams.zip");
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    command.stdout = new PrintStream(said, true, StandardCharsets.UTF_8);
    assertThat(command.call()).isZero();
    assertThat(Files.exists(command.out)).isTrue();
    try (ZipFile zip = new ZipFile(command.out.toFile())) {
      String manifest =
          new String(
              zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(manifest).contains("\"id\": \"6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c\"");
      assertThat(zip.getEntry("color.png")).isNotNull();
      assertThat(zip.getEntry("outline.png")).isNotNull();
    }
    assertThat(said.toString(StandardCharsets.UTF_8)).contains("Upload it in Teams");
  }

  @Test
  void teams_package_refuses_an_app_id_that_is_not_a_guid() {
    TeamsPackageCommand command = new TeamsPackageCommand();
    command.appId = "followup";
    command.out = dataDir.resolve("x.zip");
    assertThatThrownBy(command::call)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--app-id followup is not valid");
    assertThat(Files.exists(command.out)).isFalse();
  }
}
