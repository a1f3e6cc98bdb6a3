package dev.followupbot.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The footprint baseline: a JVM with the same Jetty answering {@code /healthz}, and nothing else
 * (no database, no scheduler, no Slack). The floor any Java bot on this stack starts from.
 */
public final class BaselineServer {

  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "3000")));
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                resp.setContentType("application/json");
                resp.getWriter().write("{\"status\":\"ok\"}");
              }
            }),
        "/healthz");
    jetty.setHandler(context);
    jetty.start();
    jetty.join();
  }
}
