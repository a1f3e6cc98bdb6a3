package dev.followupbot.app;

import dev.followupbot.core.testing.FakeSlackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One {@code serve} process of the packaged jar for the fault tests, talking Slack to a {@link
 * FakeSlackApi}, with the REST API on for creating reminders fast. Schedules are quiet, so only
 * what a test creates reaches Slack.
 */
final class ServeNode implements AutoCloseable {

  static final String API_TOKEN = "fault-0123456789abcdef0123456789abcdef";
  static final String SIGNING_SECRET = "fault-signing-secret-0123456789";
  static final OkHttpClient HTTP =
      new OkHttpClient.Builder()
          .callTimeout(Duration.ofSeconds(10))
          .connectionPool(new okhttp3.ConnectionPool(8, 30, java.util.concurrent.TimeUnit.SECONDS))
          .build();
  private static final Pattern UP = Pattern.compile("up on http://localhost:(\\d+)");

  private final LauncherProcess process;
  private final int port;

  private ServeNode(LauncherProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A configuration with every schedule off, a quick sweep and quick retries. */
  static String quietConfig() {
    return "scheduler: {threads: 4, sweep_interval: 1s, cluster_checkin: 1s}\n"
        + "delivery: {first_retry: 200ms, max_retry: 2s}\n"
        + "defaults:\n"
        + "  unclaimed: {nudge_after: off}\n"
        + "  stale: {after: off}\n"
        + "  sla: {first_response: {urgent: off, high: off, normal: off, low: off},"
        + " resolution: {urgent: off, high: off, normal: off, low: off},"
        + " next_response: {urgent: off, high: off, normal: off, low: off}}\n"
        + "  follow_up: {after_resolution: {urgent: off, high: off, normal: off, low: off}}\n"
        + "  digest: {team: off, personal: off}\n";
  }

  /**
   * The environment of a node with its own directory under {@code dir}. The fake then knows whoever
   * the tests have write (users.info answers every id).
   */
  static Map<String, String> env(Path dir, FakeSlackApi slack) throws IOException {
    slack.knowEveryone();
    Files.createDirectories(dir);
    Path config = dir.resolve("followup.yaml");
    Files.writeString(config, quietConfig());
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("FOLLOWUP_DATA_DIR", dir.resolve("data").toString());
    env.put("FOLLOWUP_CONFIG", config.toString());
    env.put("SLACK_BOT_TOKEN", "xoxb-fault-token");
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("FOLLOWUP_API_TOKENS", "slack:" + FakeSlackApi.TEAM + "=" + API_TOKEN);
    return env;
  }

  /** Starts the jar and waits until it listens. */
  static ServeNode start(Path workDir, Map<String, String> env) throws Exception {
    Files.createDirectories(workDir);
    LauncherProcess process = LauncherProcess.start(workDir, env, "serve");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = UP.matcher(process.output());
      if (m.find()) {
        return new ServeNode(process, Integer.parseInt(m.group(1)));
      }
      if (!process.isAlive()) {
        throw new AssertionError("the node stopped:\n" + process.output());
      }
      Thread.sleep(50);
    }
    process.close();
    throw new AssertionError("the node did not start within 90 s:\n" + process.output());
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String output() {
    return process.output();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.kill();
  }

  /** The status /healthz answers with, or -1 when it does not answer within {@code patience}. */
  int health(Duration patience) {
    OkHttpClient quick = HTTP.newBuilder().callTimeout(patience).build();
    try (Response r = quick.newCall(new Request.Builder().url(url("/healthz")).build()).execute()) {
      return r.code();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Sets reminder {@code note(i)} for recipient {@code "U" + (i % recipients)}, due at {@code
   * due(i)}, for i in [0, count), through the REST API with a few parallel callers.
   */
  void createReminders(
      int count,
      int recipients,
      java.util.function.IntFunction<Instant> due,
      java.util.function.IntFunction<String> note)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int from = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = from; i < count; i += 4) {
                    String json =
                        "{\"recipient\":\"U"
                            + (i % recipients)
                            + "\",\"due_at\":\""
                            + due.apply(i)
                            + "\",\"note\":\""
                            + note.apply(i)
                            + "\",\"actor\":\"UBOSS\"}";
                    Request request =
                        new Request.Builder()
                            .url(url("/api/v1/reminders"))
                            .header("Authorization", "Bearer " + API_TOKEN)
                            .post(RequestBody.create(json, MediaType.get("application/json")))
                            .build();
                    try (Response r = HTTP.newCall(request).execute()) {
                      if (r.code() != 201) {
                        throw new AssertionError(
                            "creating reminder "
                                + i
                                + ": "
                                + r.code()
                                + " "
                                + r.body().string()
                                + "\n"
                                + output());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** An answer of the REST API. */
  record Answer(int code, com.fasterxml.jackson.databind.JsonNode json) {}

  /** One REST API call as the fault tests' workspace; {@code json} null for none. */
  Answer api(String method, String path, String json) throws IOException {
    RequestBody body =
        json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
    Request request =
        new Request.Builder()
            .url(url("/api/v1" + path))
            .header("Authorization", "Bearer " + API_TOKEN)
            .method(method, body)
            .build();
    try (Response r = HTTP.newCall(request).execute()) {
      String text = r.body().string();
      return new Answer(
          r.code(),
          text.isEmpty()
              ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
              : new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
