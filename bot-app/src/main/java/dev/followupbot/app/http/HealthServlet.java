package dev.followupbot.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.app.Bot;
import dev.followupbot.core.domain.Platform;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /healthz}: 200 when the database answers and the scheduler runs, 503 when either does
 * not. On the public port ({@link #minimal}) the answer is only {@code {"status":"ok"}} or {@code
 * {"status":"degraded"}}; on the management port ({@link #detailed}) it is a report that also names
 * the database, the scheduler instance, the platforms and when each last accepted a call from this
 * process ({@code null} until the first one).
 */
public final class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final transient Bot bot;
  private final Map<String, String> platforms;
  private final boolean detailed;

  private HealthServlet(Bot bot, Map<String, String> platforms, boolean detailed) {
    this.bot = bot;
    this.platforms = Map.copyOf(platforms);
    this.detailed = detailed;
  }

  /** For the public port: the status and nothing else. */
  public static HealthServlet minimal(Bot bot) {
    return new HealthServlet(bot, Map.of(), false);
  }

  /** For the management port: the whole report. */
  public static HealthServlet detailed(Bot bot, Map<String, String> platforms) {
    return new HealthServlet(bot, platforms, true);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean database = bot.database().isHealthy();
    boolean scheduler = bot.scheduler().isRunning();
    boolean ok = database && scheduler;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("status", ok ? "ok" : "degraded");
    if (detailed) {
      details(report, database, scheduler);
    }
    response.setStatus(ok ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    JSON.writeValue(response.getOutputStream(), report);
  }

  private void details(Map<String, Object> report, boolean database, boolean scheduler) {
    report.put(
        "database",
        Map.of(
            "ok",
            database,
            "vendor",
            bot.database().vendor().name().toLowerCase(java.util.Locale.ROOT)));
    report.put("scheduler", Map.of("running", scheduler, "instance", bot.scheduler().instanceId()));
    report.put("platforms", new java.util.TreeMap<>(platforms));
    Map<String, Object> lastCalls = new java.util.TreeMap<>();
    for (Map.Entry<String, String> p : platforms.entrySet()) {
      if (p.getValue().startsWith("on")) {
        lastCalls.put(
            p.getKey(),
            bot.core()
                .platformActivity()
                .lastSuccess(Platform.fromKey(p.getKey()))
                .map(Object::toString)
                .orElse(null));
      }
    }
    report.put("last_successful_call", lastCalls);
  }
}
