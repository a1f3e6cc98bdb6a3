package dev.followupbot.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Slack's Web API, played by a MockWebServer on loopback: the part of the world outside the
 * project, for the adapters' tests, the launcher's fault tests (a jar in another process talks to
 * it) and the benchmarks. It answers the methods followup-bot calls the way Slack does, records
 * every call, and fails on request (a 429 with Retry-After, a 500, an {@code ok:false} error).
 * Response URLs live under {@code /hooks/} on the same server.
 *
 * <p>It keeps a log of every message it accepted (channel, text, the delivery key from the
 * message's metadata, the arrival time), which is what "arrived exactly once" is read from, and
 * answers conversations.history from it with the metadata, as Slack does with include_all_metadata.
 * On chat.postMessage it can misbehave: refuse a share of posts with 429 (Retry-After: 1) or 500,
 * enforce about one message per channel per interval with 429, accept one post but hold its answer
 * until the test releases it (so the sender can be killed with the message delivered but
 * unacknowledged), or hold one and fail it without accepting it. Every post to a channel that
 * arrives while a Retry-After the fake gave it is still running is recorded as a violation.
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

  /** A message chat.postMessage accepted, the ts it was given and when it arrived (epoch ms). */
  public record Posted(String channel, String ts, Call call, long arrivedMillis) {

    public String text() {
      return call.params().getOrDefault("text", "");
    }

    /** The delivery key from the message's {@code followup_delivery} metadata. */
    public Optional<String> key() {
      return deliveryKey(call.params().get("metadata"));
    }
  }

  /** One chat.update: the message at {@code ts} in {@code channel} now reads {@code text}. */
  public record Update(String channel, String ts, String text, long arrivedMillis) {}

  /** What happens to the post {@link #holdPost} holds. */
  public enum Held {
    /** Slack has the message; its answer is held, so the sender never learns where it landed. */
    ACCEPTED,
    /** Slack holds the request and then fails it: the message never arrives. */
    FAILED
  }

  // MockWebServer logs every request at INFO; a storm would flood the output. Held strongly, as
  // java.util.logging keeps loggers only weakly.
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Posted> posted = Collections.synchronizedList(new ArrayList<>());
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Update> updates = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_795_000_000_000_100L);
  private volatile String teamId = TEAM;
  private volatile okhttp3.WebSocketListener socket;
  private volatile boolean closeAfterEachAnswer;
  private volatile boolean everyoneKnown;
  private volatile boolean onlyPosts;
  private volatile double rateLimitShare;
  private volatile double errorShare;
  private volatile long minSpacingMillis;
  private volatile int holdAt = -1;
  private final Map<String, Held> holds = new ConcurrentHashMap<>();
  private final AtomicInteger heldPosts = new AtomicInteger();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();
  private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicInteger historyCalls = new AtomicInteger();

  public FakeSlackApi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            // MockWebServer queues every request for takeRequest, which nothing here calls: one
            // out for each one in, so a long run does not keep them all.
            try {
              server.takeRequest(0, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
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

  /**
   * From now on users.info knows everyone: a person it was not told about is answered with their id
   * as name, in UTC, as for a jar under load that asks about whoever writes.
   */
  public void knowEveryone() {
    everyoneKnown = true;
  }

  /**
   * From now on keeps no log of calls, and of each accepted post only its channel, text and
   * metadata: for load, where the whole log would weigh on the heap being measured.
   */
  public void keepOnlyPosts() {
    onlyPosts = true;
  }

  /** A person users.info knows. */
  public void user(String id, String displayName, String tz) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", id).put("team_id", teamId).put("name", displayName.toLowerCase()).put("tz", tz);
    u.putObject("profile").put("display_name", displayName).put("real_name", displayName);
    users.put(id, u);
  }

  /** A person of another workspace ({@code homeTeam}), as a Slack Connect channel shares them. */
  public void guest(String id, String displayName, String homeTeam) {
    user(id, displayName, "UTC");
    users.get(id).put("team_id", homeTeam);
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

  /** Answers this share of posts with 429 (Retry-After: 1) and that share with 500. */
  public void misbehave(double rateLimitShare, double errorShare) {
    this.rateLimitShare = rateLimitShare;
    this.errorShare = errorShare;
  }

  /**
   * Refuses a post with 429 (Retry-After: 1) when the channel accepted one less than {@code millis}
   * ago: about Slack's one message per second per channel (0 = no limit).
   */
  public void limitPerChannel(long millis) {
    this.minSpacingMillis = millis;
  }

  /** Accepts the {@code n}th message (1-based) but holds its answer until {@link #release}. */
  public void holdAnswerTo(int n) {
    this.holdAt = n;
  }

  /**
   * Holds the first post whose text contains {@code text} until {@link #release}: accepted, or
   * failed with a 500 once released.
   */
  public void holdPost(String text, Held how) {
    holds.put(text, how);
  }

  /** Whether {@code n} held posts are being held, waiting up to a deadline. */
  public boolean awaitHeldPosts(int n, long seconds) {
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(seconds))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> heldPosts.get() >= n);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** Whether a post is being held, waiting up to a deadline. */
  public boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  /** Answers the held posts. */
  public void release() {
    released.countDown();
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).collect(Collectors.toList());
  }

  /** Every call except the auth.test checks Bolt makes on its own. */
  public List<Call> effects() {
    return calls().stream()
        .filter(c -> !c.method().equals("auth.test"))
        .collect(Collectors.toList());
  }

  /** Every message accepted, in order of arrival. */
  public List<Posted> posts() {
    synchronized (posted) {
      return List.copyOf(posted);
    }
  }

  /** How many messages were accepted. */
  public int count() {
    return posted.size();
  }

  public List<Update> updates() {
    return List.copyOf(updates);
  }

  /**
   * How many reminder messages (posted with a {@code reminder:} delivery key) arrived for each note
   * {@code prefix + i}, i in [0, count).
   */
  public int[] reminderArrivals(String prefix, int count) {
    int[] arrivals = new int[count];
    Pattern note = Pattern.compile(Pattern.quote(prefix) + "(\\d+)(?!\\d)");
    for (Posted p : posts()) {
      if (p.key().filter(k -> k.startsWith("reminder:")).isEmpty()) {
        continue;
      }
      Matcher m = note.matcher(p.text());
      if (m.find()) {
        int i = Integer.parseInt(m.group(1));
        if (i < count) {
          arrivals[i]++;
        }
      }
    }
    return arrivals;
  }

  /** The reminders of {@link #reminderArrivals} that did not arrive exactly once, described. */
  public List<String> notExactlyOnce(String prefix, int count) {
    int[] arrivals = reminderArrivals(prefix, count);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (arrivals[i] != 1) {
        wrong.add(prefix + i + " arrived " + arrivals[i] + " times");
      }
    }
    return wrong;
  }

  /** Whether every reminder of {@link #reminderArrivals} arrived at least once. */
  public boolean allArrived(String prefix, int count) {
    return Arrays.stream(reminderArrivals(prefix, count)).allMatch(n -> n >= 1);
  }

  /** Posts that came while a Retry-After the fake gave their channel was still running. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Posts refused by {@link #misbehave} with 429. */
  public int rateLimited() {
    return rateLimited.get();
  }

  /** Posts failed with 500 ({@link #misbehave}, or held and failed). */
  public int failed() {
    return failed.get();
  }

  /** Posts refused by {@link #limitPerChannel}. */
  public long refused() {
    return refused.get();
  }

  public int historyCalls() {
    return historyCalls.get();
  }

  /** Forgets what arrived (calls, posts, updates, the per-channel limit's state, the counts). */
  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
    synchronized (posted) {
      posted.clear();
    }
    updates.clear();
    lastAccepted.clear();
    pausedUntil.clear();
    violations.clear();
    refused.set(0);
    rateLimited.set(0);
    failed.set(0);
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
    return posts().stream().filter(p -> p.channel().equals(channel)).collect(Collectors.toList());
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
    if (!onlyPosts) {
      calls.add(call);
    }
    Deque<MockResponse> queue = scripted.get(method);
    if (queue != null) {
      MockResponse next = queue.poll();
      if (next != null) {
        if (method.equals("chat.postMessage")) {
          pauseOn(next, params.getOrDefault("channel", "?"));
        }
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
        if (user == null && everyoneKnown) {
          String id = params.getOrDefault("user", "U0");
          user = JSON.createObjectNode();
          user.put("id", id)
              .put("team_id", teamId)
              .put("name", id.toLowerCase(Locale.ROOT))
              .put("real_name", id)
              .put("tz", "UTC");
          user.putObject("profile").put("display_name", id).put("real_name", id);
        }
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
      case "conversations.history":
        historyCalls.incrementAndGet();
        return json(history(params).toString());
      case "chat.postMessage":
        return post(call);
      case "chat.update":
        updates.add(
            new Update(
                params.getOrDefault("channel", "?"),
                params.getOrDefault("ts", "?"),
                params.getOrDefault("text", ""),
                System.currentTimeMillis()));
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

  private MockResponse post(Call call) {
    Map<String, String> params = call.params();
    String channel = params.getOrDefault("channel", "?");
    long now = System.currentTimeMillis();
    Long pause = pausedUntil.get(channel);
    if (pause != null && now < pause) {
      violations.add(channel + " posted to " + (pause - now) + " ms before its Retry-After ended");
    }
    double dice = ThreadLocalRandom.current().nextDouble();
    if (dice < rateLimitShare) {
      rateLimited.incrementAndGet();
      return pauseOn(rateLimited(1), channel);
    }
    if (dice < rateLimitShare + errorShare) {
      failed.incrementAndGet();
      return internalError();
    }
    if (minSpacingMillis > 0) {
      synchronized (lastAccepted) {
        Long last = lastAccepted.get(channel);
        if (last != null && now - last < minSpacingMillis) {
          refused.incrementAndGet();
          return pauseOn(rateLimited(1), channel);
        }
        lastAccepted.put(channel, now);
      }
    }
    String text = params.getOrDefault("text", "");
    Held hold = null;
    for (String wanted : holds.keySet()) {
      if (text.contains(wanted)) {
        hold = holds.remove(wanted);
        break;
      }
    }
    if (hold == Held.FAILED) {
      holdUntilReleased();
      failed.incrementAndGet();
      return internalError();
    }
    String ts = nextTs();
    Call kept = call;
    if (onlyPosts) {
      Map<String, String> few = new LinkedHashMap<>();
      few.put("channel", channel);
      few.put("text", text);
      if (params.containsKey("metadata")) {
        few.put("metadata", params.get("metadata"));
      }
      if (params.containsKey("thread_ts")) {
        few.put("thread_ts", params.get("thread_ts"));
      }
      kept = new Call(call.method(), few, null, "");
    }
    int n;
    synchronized (posted) {
      posted.add(new Posted(channel, ts, kept, now));
      n = posted.size();
    }
    if (n == holdAt || hold != null) {
      holdUntilReleased();
    }
    return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}");
  }

  /** Remembers a 429's Retry-After for the channel, so posts before its end are violations. */
  private MockResponse pauseOn(MockResponse answer, String channel) {
    String retryAfter = answer.getHeaders().get("Retry-After");
    if (answer.getStatus().contains(" 429 ") && retryAfter != null) {
      pausedUntil.put(
          channel, System.currentTimeMillis() + 1000 * Long.parseLong(retryAfter.trim()));
    }
    return answer;
  }

  private void holdUntilReleased() {
    heldPosts.incrementAndGet();
    held.countDown();
    try {
      released.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MockResponse internalError() {
    return new MockResponse()
        .setResponseCode(500)
        .setHeader("Content-Type", "text/plain")
        .setBody("internal error");
  }

  /** The channel's accepted messages since {@code oldest}, newest first, with their metadata. */
  private ObjectNode history(Map<String, String> params) {
    String channel = params.getOrDefault("channel", "?");
    BigDecimal oldest = new BigDecimal(params.getOrDefault("oldest", "0"));
    ObjectNode body = JSON.createObjectNode().put("ok", true);
    ArrayNode messages = body.putArray("messages");
    List<Posted> newestFirst = new ArrayList<>(posts());
    Collections.reverse(newestFirst);
    for (Posted p : newestFirst) {
      if (p.channel().equals(channel)
          && BigDecimal.valueOf(p.arrivedMillis()).movePointLeft(3).compareTo(oldest) >= 0) {
        ObjectNode m = messages.addObject().put("type", "message").put("ts", p.ts());
        m.put("text", p.text());
        p.key()
            .ifPresent(
                k ->
                    m.putObject("metadata")
                        .put("event_type", "followup_delivery")
                        .putObject("event_payload")
                        .put("key", k));
      }
    }
    body.put("has_more", false);
    return body;
  }

  private static Optional<String> deliveryKey(String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    try {
      JsonNode m = JSON.readTree(metadata);
      if (!"followup_delivery".equals(m.path("event_type").asText())) {
        return Optional.empty();
      }
      JsonNode key = m.path("event_payload").path("key");
      return key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
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
    release();
    server.shutdown();
  }
}
