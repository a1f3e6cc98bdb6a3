package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The packaged jar with the REST API on and LOG_FORMAT=json: every log line is a JSON object, API
 * changes carry their workspace in the logging context, and no secret is ever printed. Bad API
 * tokens and webhooks without a secret stop start-up with exit code 2.
 */
class ApiJarIT {

  private static final String TOKEN = "it-0123456789abcdef0123456789abcdef0123";

  @TempDir Path workDir;

  @Test
  void json_logs_are_one_object_per_line_and_carry_the_workspace() throws Exception {
    Map<String, String> env =
        Map.of(
            "PORT",
            "0",
            "FOLLOWUP_DATA_DIR",
            workDir.resolve("data").toString(),
            "LOG_FORMAT",
            "json",
            "FOLLOWUP_API_TOKENS",
            "console:local=" + TOKEN);
    try (LauncherProcess serve = LauncherProcess.start(workDir, env, "serve")) {
      Pattern up = Pattern.compile("up on http://localhost:(\\d+)");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> up.matcher(String.join("\n", messages(serve.output()))).find());
      Matcher m = up.matcher(String.join("\n", messages(serve.output())));
      assertThat(m.find()).isTrue();
      Request create =
          new Request.Builder()
              .url("http://127.0.0.1:" + m.group(1) + "/api/v1/cases")
              .header("Authorization", "Bearer " + TOKEN)
              .post(
                  RequestBody.create(
                      "{\"external_ref\":\"ZD-1\",\"subject\":\"Refund\",\"channel\":\"console\"}",
                      MediaType.get("application/json")))
              .build();
      try (Response r = new OkHttpClient().newCall(create).execute()) {
        assertThat(r.code()).isEqualTo(201);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> serve.output().contains("case opened"));

      ObjectMapper json = new ObjectMapper();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : serve.output().split("\n")) {
        if (!line.isBlank()) {
          lines.add(json.readTree(line)); // throws if any line is not JSON
        }
      }
      assertThat(lines).allMatch(l -> l.isObject() && l.has("level") && l.has("formattedMessage"));
      JsonNode opened =
          lines.stream()
              .filter(l -> l.get("formattedMessage").asText().startsWith("case opened"))
              .findFirst()
              .orElseThrow();
      assertThat(opened.at("/mdc/tenant").asText()).isEqualTo("console:local");
      assertThat(opened.get("formattedMessage").asText()).contains("case=1").contains("via=API");
      assertThat(messages(serve.output())).contains("REST API: on at /api/v1 for [console:local].");
      assertThat(serve.output()).doesNotContain(TOKEN);
    }
  }

  /** The message of every complete JSON line printed so far. */
  private static List<String> messages(String output) throws IOException {
    List<String> out = new ArrayList<>();
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length - 1 || (i == lines.length - 1 && output.endsWith("\n")); i++) {
      if (!lines[i].isBlank()) {
        out.add(new ObjectMapper().readTree(lines[i]).path("formattedMessage").asText());
      }
    }
    return out;
  }

  @Test
  void a_short_api_token_or_a_webhook_without_its_secret_stops_the_jar_with_exit_code_2()
      throws IOException, InterruptedException {
    Map<String, String> shortToken =
        Map.of(
            "FOLLOWUP_DATA_DIR",
            workDir.resolve("data").toString(),
            "FOLLOWUP_API_TOKENS",
            "console:local=tiny-token");
    try (LauncherProcess bad = LauncherProcess.start(workDir, shortToken, "serve")) {
      assertThat(bad.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(bad.output())
          .contains(
              "configuration error: FOLLOWUP_API_TOKENS entry 1 (console:local): the token is too short")
          .doesNotContain("tiny-token")
          .doesNotContain("\tat ");
    }
    Path config = workDir.resolve("followup.yaml");
    Files.writeString(
        config,
        "webhooks:\n  - url: https://hooks.example.com/followup\n    secret_env: HOOK_SECRET\n");
    Map<String, String> noSecret =
        Map.of(
            "FOLLOWUP_DATA_DIR", workDir.resolve("data").toString(),
            "FOLLOWUP_CONFIG", config.toString());
    try (LauncherProcess bad = LauncherProcess.start(workDir, noSecret, "serve")) {
      assertThat(bad.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(bad.output())
          .contains(
              "configuration error: HOOK_SECRET is not set: webhook 1 (https://hooks.example.com/followup)")
          .doesNotContain("\tat ");
    }
  }
}
