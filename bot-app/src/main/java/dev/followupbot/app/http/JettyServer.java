package dev.followupbot.app.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded HTTP server: one servlet context with whatever the launcher mounts (health, metrics,
 * the REST API, Slack, Teams) and filters around every request. In front of the servlets, in this
 * order: the security headers; a size limit that refuses a body over {@link #MAX_BODY} before
 * reading it; {@link BodyFirst}, which reads every body without a thread and gives up on one that
 * has not arrived within {@link #BODY_DEADLINE}; and a cap on requests in the servlets at once (the
 * rest wait, without a thread, up to {@link #QUEUE_PATIENCE}), which {@code /healthz} skips so that
 * it answers even when every other request is busy. Errors are JSON ({@link JsonErrorHandler}); no
 * answer names the server or its version.
 */
public final class JettyServer implements AutoCloseable {

  /** The largest body any platform sends; each servlet has its own, smaller limit. */
  public static final long MAX_BODY = 1 << 20;

  /** How long a body may take to arrive after its headers. Slack gives up after 3 s. */
  public static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  /** How long a request may wait for a free servlet slot before a 503. */
  static final Duration QUEUE_PATIENCE = Duration.ofSeconds(10);

  private static final int THREADS = 200;

  /** Servlet slots: the pool less what Jetty itself and /healthz need. */
  private static final int SLOTS = 150;

  private final Server server;
  private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
  private final List<Filter> filters = new ArrayList<>();
  private final String host;
  private final int requestedPort;

  /** The public server on every interface. */
  public JettyServer(int port) {
    this(null, port, THREADS);
  }

  private JettyServer(String host, int port, int threads) {
    this.host = host;
    this.requestedPort = port;
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
    pool.setName(host == null ? "http" : "management");
    this.server = new Server(pool);
  }

  /**
   * A server of its own, with its own few threads, on {@code host} (an address to bind, such as
   * 127.0.0.1): whatever happens to the public one, it answers.
   */
  public static JettyServer management(String host, int port) {
    return new JettyServer(host, port, 12);
  }

  public JettyServer mount(String path, HttpServlet servlet) {
    servlets.put(path, servlet);
    return this;
  }

  /** Runs {@code filter} around every request, in the order filters were added. */
  public JettyServer filter(Filter filter) {
    filters.add(filter);
    return this;
  }

  public void start() throws Exception {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(requestedPort);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
    if (!servlets.containsKey("/")) {
      context.addServlet(new ServletHolder(new NothingHere()), "/");
    }
    for (Filter f : filters) {
      context.addFilter(new FilterHolder(f), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    JsonErrorHandler errors = new JsonErrorHandler();
    server.setErrorHandler(errors);
    context.setErrorHandler(errors);
    QoSHandler slots = new QoSHandler(context);
    slots.setMaxRequestCount(SLOTS);
    slots.setMaxSuspend(QUEUE_PATIENCE);
    slots.excludePath("/healthz");
    SizeLimitHandler bodies = new SizeLimitHandler(MAX_BODY, -1);
    bodies.setHandler(new BodyFirst(slots, BODY_DEADLINE));
    server.setHandler(new SecurityHeaders(bodies));
    server.setStopAtShutdown(false);
    server.start();
  }

  /**
   * Whatever no mounted servlet serves: 404 for every method. Jetty's default servlet would answer
   * an unknown method (PATCH /etc/passwd) with 501.
   */
  private static final class NothingHere extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
      response.setStatus(404);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** The port actually bound (useful when started on port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
