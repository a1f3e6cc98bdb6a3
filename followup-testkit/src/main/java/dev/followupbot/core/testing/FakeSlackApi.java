package dev.followupbot.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Slack's Web API, played by a MockWebServer on loopback: the part of the world outside the
 * project. It answers the methods followup-bot calls the way Slack does, records every call, and
 * fails on request (a 429 with Retry-After, a 500, an {@code ok:false} error). Response URLs live
 * under {@code /hooks/} on the same server.
 */
public final class FakeSlackApi implements AutoCloseable {

  public static final String TEAM = "T0ACME";
  public static final String TEAM_NAME = "Acme Support";
  public static final String BOT_USER = "UBOT";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the fake received. */
  public record Call(String method, Map<String, String> params, String authorization, String body) {

    public String param(String name) {
      return params.get(name);
    }

    public JsonNode json(String name) {
      try {
        return JSON.readTree(params.get(name));
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + params.get(name), e);
      }
    }

    /** The JSON body (response_url posts). */
    public JsonNode bodyJson() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }

    /** Every text in the call's blocks (or in its JSON body's blocks), for assertions. */
    public String blockText() {
      JsonNode blocks;
      if (params.containsKey("blocks")) {
        blocks = json("blocks");
      } else if (params.containsKey("view")) {
        blocks = json("view").get("blocks");
      } else {
        blocks = bodyJson().get("blocks");
      }
      return blocks == null ? "" : texts(blocks);
    }

    /** The values (commands) of every button in the call's blocks. */
    public List<String> buttonValues() {
      JsonNode blocks =
          params.containsKey("blocks")
              ? json("blocks")
              : params.containsKey("view") ? json("view").get("blocks") : bodyJson().get("blocks");
      return blocks == null ? List.of() : blocks.findValuesAsText("value");
    }
  }

  /** A message chat.postMessage accepted, and the ts it was given. */
  public record Posted(String channel, String ts, Call call) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_795_000_000_000_100L);
  private volatile String teamId = TEAM;
  private volatile okhttp3.WebSocketListener socket;
  private volatile boolean closeAfterEachAnswer;

  public FakeSlackApi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse answer = answer(request);
            return closeAfterEachAnswer
                ? answer.setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_END)
                : answer;
          }
        });
    try {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Web API base URL, for SLACK_API_URL. */
  public String apiUrl() {
    return server.url("/api/").toString();
  }

  /** A response_url on this fake (allowed, as it is on the configured API host). */
  public String responseUrl(String id) {
    return server.url("/hooks/" + id).toString();
  }

  /** Plays Slack's side of a Socket Mode connection (wss URL from apps.connections.open). */
  public void socket(okhttp3.WebSocketListener listener) {
    socket = listener;
  }

  public void teamId(String id) {
    teamId = id;
  }

  /** A person users.info knows. */
  public void user(String id, String displayName, String tz) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", id).put("team_id", teamId).put("name", displayName.toLowerCase()).put("tz", tz);
    u.putObject("profile").put("display_name", displayName).put("real_name", displayName);
    users.put(id, u);
  }

  /** A person users.info knows, with the locale it gives when asked with include_locale. */
  public void user(String id, String displayName, String tz, String locale) {
    user(id, displayName, tz);
    locales.put(id, locale);
  }

  private final Map<String, String> locales = new ConcurrentHashMap<>();

  /**
   * From now on, closes each connection after its answer without saying so, as a proxy whose idle
   * timeout is shorter than the pause before the next call does.
   */
  public void closeConnectionsAfterEachAnswer() {
    closeAfterEachAnswer = true;
  }

  /**
   * A message people posted, so conversations.replies can read it: asked for the message or for any
   * reply in its thread, it answers with the thread's root.
   */
  public void message(String channel, String ts, String user, String text, String... replyTs) {
    ObjectNode m = JSON.createObjectNode().put("type", "message").put("user", user);
    m.put("text", text).put("ts", ts).put("team", teamId);
    messages.put(channel + "/" + ts, m);
    for (String reply : replyTs) {
      messages.put(channel + "/" + reply, m);
    }
  }

  /** The next call to the method gets this response instead of the usual one. */
  public void failNext(String method, MockResponse response) {
    scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).add(response);
  }

  public static MockResponse error(String code) {
    return json("{\"ok\":false,\"error\":\"" + code + "\"}");
  }

  public static MockResponse rateLimited(int retryAfterSeconds) {
    return json("{\"ok\":false,\"error\":\"ratelimited\"}")
        .setResponseCode(429)
        .setHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).collect(Collectors.toList());
  }

  /** Every call except the auth.test checks Bolt makes on its own. */
  public List<Call> effects() {
    return calls.stream().filter(c -> !c.method().equals("auth.test")).collect(Collectors.toList());
  }

  /** Waits (boundedly) until the method has been called {@code count} times; returns the last. */
  public Call waitFor(String method, int count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> calls(method).size() >= count);
    List<Call> found = calls(method);
    return found.get(count - 1);
  }

  public Call waitFor(String method) {
    return waitFor(method, 1);
  }

  /** Messages posted to the channel (or DM channel), in order. */
  public List<Posted> postedIn(String channel) {
    return posted.stream().filter(p -> p.channel().equals(channel)).collect(Collectors.toList());
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getPath() == null ? "" : request.getPath();
    String body = request.getBody().readUtf8();
    String method;
    if (path.startsWith("/api/")) {
      method = path.substring("/api/".length()).replaceAll("\\?.*", "");
    } else if (path.startsWith("/hooks/")) {
      method = "response_url";
    } else if (path.startsWith("/socket") && socket != null) {
      calls.add(new Call("socket", Map.of(), request.getHeader("Authorization"), ""));
      return new MockResponse().withWebSocketUpgrade(socket);
    } else {
      method = path;
    }
    Map<String, String> params = form(request.getHeader("Content-Type"), body);
    Call call = new Call(method, params, request.getHeader("Authorization"), body);
    calls.add(call);
    Deque<MockResponse> queue = scripted.get(method);
    if (queue != null) {
      MockResponse next = queue.poll();
      if (next != null) {
        return next;
      }
    }
    switch (method) {
      case "auth.test":
        return json(
            "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\""
                + TEAM_NAME
                + "\",\"user\":\"followup\",\"team_id\":\""
                + teamId
                + "\",\"user_id\":\""
                + BOT_USER
                + "\",\"bot_id\":\"BBOT\"}");
      case "apps.connections.open":
        return json(
            "{\"ok\":true,\"url\":\""
                + server.url("/socket").toString().replace("http", "ws")
                + "\"}");
      case "users.info":
        ObjectNode user = users.get(params.getOrDefault("user", ""));
        if (user == null) {
          return error("user_not_found");
        }
        ObjectNode r = JSON.createObjectNode().put("ok", true);
        user = user.deepCopy();
        String locale = locales.get(params.getOrDefault("user", ""));
        if (locale != null
            && java.util.Set.of("1", "true").contains(params.get("include_locale"))) {
          user.put("locale", locale);
        }
        r.set("user", user);
        return json(r.toString());
      case "conversations.open":
        return json("{\"ok\":true,\"channel\":{\"id\":\"D" + params.get("users") + "\"}}");
      case "chat.postMessage":
        String ts = nextTs();
        posted.add(new Posted(params.get("channel"), ts, call));
        return json(
            "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + ts + "\"}");
      case "chat.update":
        return json(
            "{\"ok\":true,\"channel\":\""
                + params.get("channel")
                + "\",\"ts\":\""
                + params.get("ts")
                + "\"}");
      case "chat.postEphemeral":
        return json("{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}");
      case "views.publish":
      case "views.open":
      case "reactions.add":
        return json("{\"ok\":true}");
      case "conversations.replies":
        ObjectNode root =
            messages.get(params.getOrDefault("channel", "") + "/" + params.getOrDefault("ts", ""));
        if (root == null) {
          return error("thread_not_found");
        }
        ObjectNode replies = JSON.createObjectNode().put("ok", true).put("has_more", false);
        replies.putArray("messages").add(root);
        return json(replies.toString());
      case "response_url":
        return new MockResponse().setBody("ok");
      default:
        return error("unknown_method");
    }
  }

  private String nextTs() {
    long n = ts.incrementAndGet();
    return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(body);
  }

  private static Map<String, String> form(String contentType, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String texts(JsonNode node) {
    StringBuilder out = new StringBuilder();
    node.findValues("text")
        .forEach(
            t -> {
              if (t.isTextual()) {
                out.append(t.asText()).append('\n');
              } else if (t.has("text")) {
                out.append(t.get("text").asText()).append('\n');
              }
            });
    return out.toString();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
