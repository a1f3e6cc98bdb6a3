package dev.followupbot.app;

import dev.followupbot.app.api.ApiServlet;
import dev.followupbot.app.dashboard.DashboardServlet;
import dev.followupbot.app.http.HealthServlet;
import dev.followupbot.app.http.HttpMetricsFilter;
import dev.followupbot.app.http.JettyServer;
import dev.followupbot.app.http.MetricsServlet;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.slack.SlackPlatform;
import dev.followupbot.teams.TeamsPlatform;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * Runs the bot as a server: the scheduler, Jetty with /healthz and the REST API, a management
 * server with /metrics and the detailed /healthz when a management port is set, and every
 * configured platform.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bot: HTTP on $PORT (default 3000) with GET /healthz and the REST API at /api/v1,",
      "reminders, nudges and webhooks on schedule. GET /metrics and the detailed /healthz are on",
      "$FOLLOWUP_MANAGEMENT_PORT (bound to 127.0.0.1 unless $FOLLOWUP_MANAGEMENT_ADDRESS says otherwise).",
      "Platforms start when their variables are set; the log says which are on and how to turn on the others."
    })
public final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Override
  public Integer call() throws Exception {
    Server server = Server.start(Settings.from(System.getenv()), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: finishing deliveries in progress");
                  server.close();
                  stopped.countDown();
                },
                "followup-shutdown"));
    stopped.await();
    return 0;
  }

  /** The bot and its HTTP front door, started together and stopped in reverse order. */
  public static final class Server implements AutoCloseable {
    private final Bot bot;
    private final JettyServer jetty;
    private final Optional<JettyServer> management;
    private final Optional<SlackPlatform> slack;
    private final Optional<TeamsPlatform> teams;
    private boolean closed;

    private Server(
        Bot bot,
        JettyServer jetty,
        Optional<JettyServer> management,
        Optional<SlackPlatform> slack,
        Optional<TeamsPlatform> teams) {
      this.bot = bot;
      this.jetty = jetty;
      this.management = management;
      this.slack = slack;
      this.teams = teams;
    }

    public static Server start(Settings settings, Clock clock) throws Exception {
      List<Messenger> messengers = new ArrayList<>();
      Map<String, String> platforms = new LinkedHashMap<>();
      List<String> hints = new ArrayList<>();
      // Checks the Slack variables and token before anything else starts.
      Optional<SlackPlatform> slack = SlackPlatform.fromEnv(settings.env(), clock);
      if (slack.isPresent()) {
        platforms.put("slack", "on");
        hints.add(slack.get().describe());
      } else {
        platforms.put("slack", "off");
        hints.add(
            "Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on (docs/slack.md).");
      }
      Optional<TeamsPlatform> teams;
      try {
        teams = TeamsPlatform.fromEnv(settings.env(), clock);
      } catch (RuntimeException e) {
        slack.ifPresent(SlackPlatform::close);
        throw e;
      }
      if (teams.isPresent()) {
        platforms.put("teams", teams.get().settings().authOff() ? "on (auth off)" : "on");
        hints.add(teams.get().describe());
      } else {
        platforms.put("teams", "off");
        hints.add(
            "Teams: off. Set MicrosoftAppId and MicrosoftAppPassword to turn it on (docs/teams.md).");
      }
      Bot bot;
      try {
        bot =
            Bot.start(
                settings,
                storage -> {
                  List<Messenger> all = new ArrayList<>(messengers);
                  slack.ifPresent(s -> all.add(s.messenger(storage.addresses())));
                  teams.ifPresent(t -> all.add(t.messenger(storage.addresses())));
                  return all;
                },
                clock);
      } catch (RuntimeException e) {
        slack.ifPresent(SlackPlatform::close);
        teams.ifPresent(TeamsPlatform::close);
        throw e;
      }
      JettyServer jetty = new JettyServer(settings.port());
      jetty.filter(new HttpMetricsFilter(bot.meters()));
      jetty.mount("/healthz", HealthServlet.minimal(bot));
      Optional<JettyServer> management =
          settings
              .management()
              .map(
                  m ->
                      JettyServer.management(m.address(), m.port())
                          .mount("/healthz", HealthServlet.detailed(bot, platforms))
                          .mount("/metrics", new MetricsServlet(bot.meters())));
      ApiServlet api = new ApiServlet(bot.core(), settings.apiTokens(), clock);
      jetty.mount(ApiServlet.PREFIX + "/*", api);
      hints.add(
          settings.apiTokens().isEmpty()
              ? "REST API: no tokens. Set FOLLOWUP_API_TOKENS (docs/api.md) to use "
                  + ApiServlet.PREFIX
                  + "."
              : "REST API: on at "
                  + ApiServlet.PREFIX
                  + " for "
                  + settings.apiTokens().tenants()
                  + ".");
      DashboardServlet dashboard = new DashboardServlet(bot.core(), settings.publicUrl(), clock);
      jetty.mount(DashboardServlet.PREFIX, dashboard);
      jetty.mount(DashboardServlet.PREFIX + "/*", dashboard);
      teams.ifPresent(t -> jetty.mount(TeamsPlatform.PATH, t.servlet(bot.core())));
      try {
        slack.ifPresent(s -> s.attach(bot.core(), jetty::mount));
        for (JettyServer m : management.stream().toList()) {
          startManagement(m, settings);
        }
        jetty.start();
      } catch (Exception e) {
        management.ifPresent(Server::stopQuietly);
        slack.ifPresent(SlackPlatform::close);
        teams.ifPresent(TeamsPlatform::close);
        bot.close();
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(
            "could not listen on port " + settings.port() + ": " + e.getMessage(), e);
      }
      settings.publicUrl().listeningOn(jetty.port());
      hints.add(
          "Dashboard: "
              + settings.publicUrl()
              + DashboardServlet.PREFIX
              + "/ (type `dashboard` in chat for a sign-in link).");
      hints.add(
          management
              .map(
                  m ->
                      "Management: GET /metrics and the detailed GET /healthz on http://"
                          + settings.management().get().address()
                          + ":"
                          + m.port()
                          + " (not on the public port).")
              .orElse(
                  "Management: off, so /metrics is not served. Set FOLLOWUP_MANAGEMENT_PORT"
                      + " (docs/operations.md: Observability) to serve it on a port of its own."));
      hints.forEach(log::info);
      log.info(
          "followup-bot is up on http://localhost:{} (GET /healthz). Console reminders wait for 'followup-bot console'.",
          jetty.port());
      return new Server(bot, jetty, management, slack, teams);
    }

    private static void startManagement(JettyServer management, Settings settings)
        throws Exception {
      try {
        management.start();
      } catch (java.io.IOException e) {
        throw new dev.followupbot.core.config.ConfigException(
            "FOLLOWUP_MANAGEMENT_PORT: could not listen on "
                + settings.management().get().address()
                + ":"
                + settings.management().get().port()
                + " ("
                + e.getMessage()
                + ").");
      }
    }

    private static void stopQuietly(JettyServer server) {
      try {
        server.close();
      } catch (Exception e) {
        log.warn("the management server did not stop cleanly: {}", e.toString());
      }
    }

    public int port() {
      return jetty.port();
    }

    /** The management port actually bound, if a management port was set. */
    public java.util.OptionalInt managementPort() {
      return management
          .map(m -> java.util.OptionalInt.of(m.port()))
          .orElse(java.util.OptionalInt.empty());
    }

    public Bot bot() {
      return bot;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        jetty.close();
      } catch (Exception e) {
        log.warn("HTTP server did not stop cleanly: {}", e.toString());
      }
      management.ifPresent(Server::stopQuietly);
      slack.ifPresent(SlackPlatform::close);
      teams.ifPresent(TeamsPlatform::close);
      bot.close();
    }
  }
}
