package dev.followupbot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Slack's Web API on loopback for the fault tests, keeping its own log of every message it
 * accepted: channel, text, the delivery key from the message's metadata and the arrival time. That
 * log is what "arrived exactly once" is read from. It answers conversations.history with the
 * metadata, as Slack does with include_all_metadata, and can misbehave on chat.postMessage: refuse
 * a share of posts with 429 (Retry-After: 1) or 500, and accept one post but hold its answer until
 * the test releases it (so the sender can be killed with the message delivered but unacknowledged),
 * or hold one and fail it without accepting it. It logs chat.update calls too. Every post to a
 * channel that arrives while a Retry-After it was given is still running is recorded as a
 * violation.
 */
final class FakeSlackApi implements AutoCloseable {

  static final String TEAM = "TFAULT";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One accepted message. */
  record Post(String channel, String text, Optional<String> key, long arrivedMillis, String ts) {}

  /** One chat.update: the message at {@code ts} in {@code channel} now reads {@code text}. */
  record Update(String channel, String ts, String text, long arrivedMillis) {}

  /** What happens to the post {@link #holdPost} holds. */
  enum Held {
    /** Slack has the message; its answer is held, so the sender never learns where it landed. */
    ACCEPTED,
    /** Slack holds the request and then fails it: the message never arrives. */
    FAILED
  }

  private final Server jetty;
  private final List<Post> posts = new ArrayList<>();
  private final List<Update> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Held> holds = new ConcurrentHashMap<>();
  private final AtomicInteger heldPosts = new AtomicInteger();
  private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();
  private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger historyCalls = new AtomicInteger();
  private volatile double rateLimitShare;
  private volatile double errorShare;
  private volatile int holdAt = -1;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  FakeSlackApi() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("fake-slack");
    jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Api()), "/api/*");
    jetty.setHandler(context);
    jetty.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:"
        + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
        + "/api/";
  }

  /** Answers this share of posts with 429 (Retry-After: 1) and that share with 500. */
  void misbehave(double rateLimitShare, double errorShare) {
    this.rateLimitShare = rateLimitShare;
    this.errorShare = errorShare;
  }

  /** Accepts the {@code n}th message (1-based) but holds its answer until {@link #release}. */
  void holdAnswerTo(int n) {
    this.holdAt = n;
  }

  /**
   * Holds the first post whose text contains {@code text} until {@link #release}: accepted, or
   * failed with a 500 once released.
   */
  void holdPost(String text, Held how) {
    holds.put(text, how);
  }

  /**
   * Whether {@code n} posts given to {@link #holdPost} are being held, waiting up to a deadline.
   */
  boolean awaitHeldPosts(int n, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (heldPosts.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return heldPosts.get() >= n;
  }

  List<Update> updates() {
    return List.copyOf(updates);
  }

  boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }

  List<Post> posts() {
    synchronized (posts) {
      return List.copyOf(posts);
    }
  }

  int count() {
    synchronized (posts) {
      return posts.size();
    }
  }

  /**
   * How many reminder messages (posted with a {@code reminder:} delivery key) arrived for each note
   * {@code prefix + i}, i in [0, count).
   */
  int[] reminderArrivals(String prefix, int count) {
    int[] arrivals = new int[count];
    Pattern note = Pattern.compile(Pattern.quote(prefix) + "(\\d+)(?!\\d)");
    for (Post p : posts()) {
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
  List<String> notExactlyOnce(String prefix, int count) {
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
  boolean allArrived(String prefix, int count) {
    return java.util.Arrays.stream(reminderArrivals(prefix, count)).allMatch(n -> n >= 1);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int rateLimited() {
    return rateLimited.get();
  }

  int failed() {
    return failed.get();
  }

  int historyCalls() {
    return historyCalls.get();
  }

  @Override
  public void close() throws Exception {
    release();
    jetty.stop();
  }

  private final class Api extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String method = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
      Map<String, String> form =
          form(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      ObjectNode body = JSON.createObjectNode().put("ok", true);
      switch (method) {
        case "auth.test":
          body.put("team_id", TEAM)
              .put("team", "Faults")
              .put("user_id", "UBOT")
              .put("bot_id", "B1");
          break;
        case "users.info":
          String user = form.getOrDefault("user", "U0");
          body.putObject("user")
              .put("id", user)
              .put("name", user.toLowerCase(java.util.Locale.ROOT))
              .put("real_name", user)
              .put("tz", "UTC")
              .putObject("profile")
              .put("display_name", user)
              .put("real_name", user);
          break;
        case "conversations.open":
          body.putObject("channel").put("id", "D" + form.getOrDefault("users", "X"));
          break;
        case "conversations.history":
          historyCalls.incrementAndGet();
          history(form, body);
          break;
        case "chat.postMessage":
          if (!post(form, body, resp)) {
            return;
          }
          break;
        case "chat.update":
          updates.add(
              new Update(
                  form.getOrDefault("channel", "?"),
                  form.getOrDefault("ts", "?"),
                  form.getOrDefault("text", ""),
                  System.currentTimeMillis()));
          body.put("channel", form.getOrDefault("channel", "?")).put("ts", form.get("ts"));
          break;
        default:
          break; // views.publish, chat.postEphemeral, …: ok
      }
      resp.setContentType("application/json");
      resp.getWriter().write(body.toString());
    }

    /** Returns false when it already answered (a refusal). */
    private boolean post(Map<String, String> form, ObjectNode body, HttpServletResponse resp)
        throws IOException {
      String channel = form.getOrDefault("channel", "?");
      long now = System.currentTimeMillis();
      Long pause = pausedUntil.get(channel);
      if (pause != null && now < pause) {
        violations.add(
            channel + " posted to " + (pause - now) + " ms before its Retry-After ended");
      }
      double dice = ThreadLocalRandom.current().nextDouble();
      if (dice < rateLimitShare) {
        rateLimited.incrementAndGet();
        pausedUntil.put(channel, now + 1000);
        resp.setStatus(429);
        resp.setHeader("Retry-After", "1");
        resp.setContentType("application/json");
        resp.getWriter().write("{\"ok\":false,\"error\":\"ratelimited\"}");
        return false;
      }
      if (dice < rateLimitShare + errorShare) {
        failed.incrementAndGet();
        resp.setStatus(500);
        resp.setContentType("text/plain");
        resp.getWriter().write("internal error");
        return false;
      }
      String text = form.getOrDefault("text", "");
      Optional<Held> hold = Optional.empty();
      for (String wanted : holds.keySet()) {
        if (text.contains(wanted)) {
          hold = Optional.ofNullable(holds.remove(wanted));
          break;
        }
      }
      if (hold.isPresent() && hold.get() == Held.FAILED) {
        heldPosts.incrementAndGet();
        held.countDown();
        awaitRelease();
        failed.incrementAndGet();
        resp.setStatus(500);
        resp.setContentType("text/plain");
        resp.getWriter().write("internal error");
        return false;
      }
      boolean holdThis = hold.isPresent();
      String messageTs = tsString(ts.addAndGet(1000));
      int n;
      synchronized (posts) {
        posts.add(
            new Post(channel, form.getOrDefault("text", ""), deliveryKey(form), now, messageTs));
        n = posts.size();
      }
      if (n == holdAt || holdThis) {
        heldPosts.incrementAndGet();
        held.countDown();
        awaitRelease();
      }
      body.put("channel", channel).put("ts", messageTs);
      return true;
    }

    private void awaitRelease() {
      try {
        released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void history(Map<String, String> form, ObjectNode body) {
      String channel = form.getOrDefault("channel", "?");
      BigDecimal oldest = new BigDecimal(form.getOrDefault("oldest", "0"));
      ArrayNode messages = body.putArray("messages");
      List<Post> newestFirst = new ArrayList<>(posts());
      java.util.Collections.reverse(newestFirst);
      for (Post p : newestFirst) {
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
    }
  }

  private static String tsString(long micros) {
    return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
  }

  private static Optional<String> deliveryKey(Map<String, String> form) {
    String metadata = form.get("metadata");
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

  static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
