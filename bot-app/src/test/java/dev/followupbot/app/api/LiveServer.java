package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.app.ServeCommand;
import dev.followupbot.app.Settings;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real server ({@code serve}) on a free loopback port with an H2 file, a configuration file on
 * the quiet schedule, and a {@link MutableClock} far from the wall clock (so Quartz never fires a
 * wake-up by itself: tests move the clock and sweep), and a management port for /metrics. Requests
 * go over real HTTP.
 */
final class LiveServer implements AutoCloseable {

  /** Every nudge, SLA, check-in and digest off; the safety-net sweep only at start-up. */
  static final String QUIET =
      """
      scheduler:
        sweep_interval: 1h
      defaults:
        unclaimed: {nudge_after: off}
        stale: {after: off}
        sla:
          first_response: {urgent: off, high: off, normal: off, low: off}
          resolution: {urgent: off, high: off, normal: off, low: off}
          next_response: {urgent: off, high: off, normal: off, low: off}
        follow_up: {after_resolution: {urgent: off, high: off, normal: off, low: off}}
        digest: {team: off, personal: off}
      """;

  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer, read whole. */
  record Answer(int code, Map<String, String> headers, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text, e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  final MutableClock clock = MutableClock.at("2030-01-07T09:00:00Z");
  final ServeCommand.Server server;
  final OkHttpClient http = new OkHttpClient();

  LiveServer(Path dir, String yaml, Map<String, String> extraEnv) throws Exception {
    Path config = dir.resolve("followup.yaml");
    Files.writeString(config, QUIET + yaml);
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("FOLLOWUP_MANAGEMENT_PORT", "0");
    env.put("FOLLOWUP_DATA_DIR", dir.resolve("data").toString());
    env.put("FOLLOWUP_CONFIG", config.toString());
    env.putAll(extraEnv);
    server = ServeCommand.Server.start(Settings.from(env), clock);
  }

  FollowupCore core() {
    return server.bot().core();
  }

  /** The stores beneath the core, for assertions on what was kept. */
  dev.followupbot.core.port.Storage storage() {
    return server.bot().storage();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** The management port's answer to {@code GET path} (/metrics, the detailed /healthz). */
  Answer management(String path) {
    return execute(
        new Request.Builder()
            .url("http://127.0.0.1:" + server.managementPort().getAsInt() + path)
            .build());
  }

  /** True when no outbox entry is being sent: every post that went out has been recorded. */
  boolean nothingInFlight() {
    Instant anyTime = clock.instant().plus(Duration.ofDays(365));
    return storage().outbox().stuck(anyTime, Optional.empty(), 1).isEmpty();
  }

  /** Runs the safety-net sweep now, as Quartz would on its schedule. */
  void sweep() {
    core().wakeUps().sweep();
  }

  Answer send(String method, String path, String token, String json) {
    RequestBody body =
        json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
    if (body == null && (method.equals("POST") || method.equals("PATCH"))) {
      body = RequestBody.create(new byte[0]);
    }
    Request.Builder request = new Request.Builder().url(url(path)).method(method, body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return execute(request.build());
  }

  Answer execute(Request request) {
    try (Response r = http.newCall(request).execute()) {
      Map<String, String> headers = new HashMap<>();
      r.headers()
          .forEach(
              h -> headers.put(h.getFirst().toLowerCase(java.util.Locale.ROOT), h.getSecond()));
      return new Answer(r.code(), headers, r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
