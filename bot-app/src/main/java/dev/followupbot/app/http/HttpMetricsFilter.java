package dev.followupbot.app.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Times every HTTP request ({@code http_server_requests_seconds}) by method, route and status. The
 * route is a template, never the raw path: a servlet that knows better (the REST API) sets {@link
 * #ROUTE}, e.g. {@code /api/v1/cases/{number}}; otherwise the servlet's mapping is used, and
 * anything unmatched is {@code unmatched}, so ids and probes cannot multiply the series.
 */
public final class HttpMetricsFilter implements Filter {

  /** Request attribute holding the route template of the request. */
  public static final String ROUTE = "followup.route";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;

  public HttpMetricsFilter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    try {
      chain.doFilter(req, res);
    } finally {
      if (req instanceof HttpServletRequest request
          && res instanceof HttpServletResponse response) {
        Timer.builder("http.server.requests")
            .description("HTTP requests served, by method, route template and status")
            .tag("method", method(request))
            .tag("route", route(request))
            .tag("status", Integer.toString(response.getStatus()))
            .serviceLevelObjectives(BUCKETS)
            .register(registry)
            .record(Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  private static String method(HttpServletRequest request) {
    String m = request.getMethod() == null ? "" : request.getMethod().toUpperCase(Locale.ROOT);
    return METHODS.contains(m) ? m : "OTHER";
  }

  private static String route(HttpServletRequest request) {
    Object set = request.getAttribute(ROUTE);
    if (set instanceof String s) {
      return s;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getPattern() == null) {
      return "unmatched";
    }
    String pattern = mapping.getPattern();
    if (pattern.isEmpty() || pattern.equals("/") || pattern.equals("/*")) {
      return "unmatched";
    }
    return pattern;
  }
}
