package dev.followupbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Slack's Web API as the benchmarks need it, on loopback: answers every method the bot calls, and
 * records the arrival time of each {@code chat.postMessage} with its text, which is where lateness,
 * loss and duplicates are read from. Optionally enforces Slack's ~1 message per second per channel
 * with HTTP 429 and {@code Retry-After}.
 */
final class FakeSlack implements AutoCloseable {

  static final String TEAM = "TBENCH";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One accepted post: where, what, and when it arrived (epoch nanos from System.nanoTime base).
   */
  record Post(String channel, String text, long arrivedMillis) {}

  private final Server jetty;
  private final List<Post> posts = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_795_000_000_000L);
  private final AtomicLong refused = new AtomicLong();
  private volatile long minSpacingMillis;

  FakeSlack() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
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

  /** Enforce about one message per channel per {@code millis} (0 = no limit). */
  void limitPerChannel(long millis) {
    this.minSpacingMillis = millis;
  }

  List<Post> posts() {
    synchronized (posts) {
      return List.copyOf(posts);
    }
  }

  long refused() {
    return refused.get();
  }

  void clear() {
    posts.clear();
    lastAccepted.clear();
    refused.set(0);
  }

  @Override
  public void close() throws Exception {
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
              .put("team", "Bench")
              .put("user_id", "UBOT")
              .put("bot_id", "BBOT");
          break;
        case "users.info":
          String user = form.getOrDefault("user", "U0");
          body.putObject("user")
              .put("id", user)
              .put("name", user.toLowerCase())
              .put("real_name", user)
              .put("tz", "UTC")
              .putObject("profile")
              .put("display_name", user)
              .put("real_name", user);
          break;
        case "conversations.open":
          body.putObject("channel").put("id", "D" + form.getOrDefault("users", "X"));
          break;
        case "chat.postMessage":
          String channel = form.getOrDefault("channel", "?");
          long now = System.currentTimeMillis();
          if (minSpacingMillis > 0) {
            synchronized (lastAccepted) {
              Long last = lastAccepted.get(channel);
              if (last != null && now - last < minSpacingMillis) {
                refused.incrementAndGet();
                resp.setStatus(429);
                resp.setHeader("Retry-After", "1");
                resp.setContentType("application/json");
                resp.getWriter().write("{\"ok\":false,\"error\":\"ratelimited\"}");
                return;
              }
              lastAccepted.put(channel, now);
            }
          }
          posts.add(new Post(channel, form.getOrDefault("text", ""), now));
          body.put("channel", channel).put("ts", Long.toString(ts.incrementAndGet()));
          break;
        case "chat.update":
          body.put("channel", form.getOrDefault("channel", "?"))
              .put("ts", form.getOrDefault("ts", "1"));
          break;
        default:
          break; // views.publish, chat.postEphemeral, …: ok
      }
      resp.setContentType("application/json");
      resp.getWriter().write(body.toString());
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
