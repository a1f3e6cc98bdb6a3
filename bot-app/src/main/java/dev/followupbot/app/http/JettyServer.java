package dev.followupbot.app.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The embedded HTTP server: one servlet context with whatever the launcher mounts (health, metrics,
 * the REST API, Slack, Teams) and filters around every request. Error pages never show stack
 * traces.
 */
public final class JettyServer implements AutoCloseable {

  private final Server server;
  private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
  private final List<Filter> filters = new ArrayList<>();
  private final int requestedPort;

  public JettyServer(int port) {
    this.requestedPort = port;
    this.server = new Server();
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
    ServerConnector connector = new ServerConnector(server);
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
    ErrorHandler quiet = new ErrorHandler();
    quiet.setShowStacks(false);
    quiet.setShowMessageInTitle(false);
    server.setErrorHandler(quiet);
    context.setErrorHandler(quiet);
    server.setHandler(context);
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
