package dev.followupbot.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.awaitility.Awaitility;

/**
 * Headless Firefox (Debian's firefox-esr) driven over WebDriver BiDi, which Firefox speaks itself:
 * no geckodriver, which neither Debian nor Maven Central ships. Only what the dashboard's tests
 * need: open a page, run a script, take a screenshot. Every call fails after a deadline.
 */
final class Firefox implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/firefox-esr");

  private static final Duration CALL = Duration.ofSeconds(30);
  private static final Pattern LISTENING =
      Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final String context;

  Firefox(Path profile) throws Exception {
    Files.createDirectories(profile);
    // No first-run pages, no updates, no telemetry: a quiet browser for tests.
    Files.writeString(
        profile.resolve("user.js"),
        String.join(
            "\n",
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"intl.accept_languages\", \"en\");",
            ""));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-remote",
                "--profile",
                profile.toString(),
                "--remote-debugging-port",
                String.valueOf(port),
                "about:blank")
            .redirectErrorStream(true)
            .start();
    String address = awaitListening(Duration.ofSeconds(60));
    socket =
        new OkHttpClient.Builder()
            .readTimeout(Duration.ZERO)
            .build()
            .newWebSocket(
                new Request.Builder().url(address.replaceFirst("^ws", "http") + "/session").build(),
                new WebSocketListener() {
                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    received(text);
                  }

                  @Override
                  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                    waiting.values().forEach(f -> f.completeExceptionally(t));
                  }
                });
    call("session.new", Map.of("capabilities", Map.of()));
    context =
        call("browsingContext.getTree", Map.of()).path("contexts").get(0).get("context").asText();
    call(
        "browsingContext.setViewport",
        Map.of("context", context, "viewport", Map.of("width", 1280, "height", 1000)));
  }

  /** Opens {@code url} and waits until the page has loaded. */
  void open(String url) throws Exception {
    call("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
  }

  /** The value of a JavaScript expression in the page (awaited if it is a promise), as a string. */
  String eval(String expression) throws Exception {
    JsonNode result =
        call(
            "script.evaluate",
            Map.of(
                "expression",
                "String(" + expression + ")",
                "target",
                Map.of("context", context),
                "awaitPromise",
                true));
    if (!result.path("type").asText().equals("success")) {
      throw new AssertionError("script failed in Firefox: " + result);
    }
    return result.path("result").path("value").asText();
  }

  /** Waits up to {@code within} for {@code condition} (a JavaScript expression) to be true. */
  void await(String condition, Duration within) {
    Awaitility.await("in Firefox: " + condition)
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> eval("!!(" + condition + ")").equals("true"));
  }

  byte[] screenshot() throws Exception {
    String data =
        call("browsingContext.captureScreenshot", Map.of("context", context)).path("data").asText();
    return Base64.getDecoder().decode(data);
  }

  private JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", JSON.valueToTree(params));
    if (!socket.send(JSON.writeValueAsString(command))) {
      throw new IOException("the connection to Firefox is closed");
    }
    try {
      JsonNode message = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
      if (message.path("type").asText().equals("error")) {
        throw new AssertionError(method + " failed in Firefox: " + message);
      }
      return message.path("result");
    } catch (TimeoutException e) {
      throw new AssertionError(method + ": Firefox did not answer within " + CALL, e);
    } finally {
      waiting.remove(id);
    }
  }

  private void received(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> f = waiting.get(message.get("id").asInt());
        if (f != null) {
          f.complete(message);
        }
      }
    } catch (IOException e) {
      waiting.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Reads Firefox's output until it says where BiDi listens; keeps draining it afterwards. */
  private String awaitListening(Duration within) throws Exception {
    CompletableFuture<String> address = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    address.complete(m.group(1));
                  } else if (!address.isDone()) {
                    synchronized (seen) {
                      seen.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException e) {
                address.completeExceptionally(e);
              }
              address.completeExceptionally(new IOException("Firefox exited"));
            },
            "firefox-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return address.get(within.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      synchronized (seen) {
        throw new AssertionError("Firefox did not start WebDriver BiDi: " + seen, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      call("session.end", Map.of());
    } catch (Exception | AssertionError ignored) {
      // Closing anyway.
    }
    socket.close(1000, "done");
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static List<String> missing() {
    return Files.isExecutable(BINARY) ? List.of() : List.of(BINARY.toString());
  }
}
