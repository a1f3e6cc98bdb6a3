package dev.followupbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.util.http.SlackHttpClient;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.http.KeepAlive;
import dev.followupbot.core.port.Addresses;
import dev.followupbot.core.port.Messenger;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack, wired: everything the launcher needs from this module, in the order it needs it.
 *
 * <ol>
 *   <li>{@link #fromEnv} reads the Slack variables and calls auth.test, so a wrong token stops
 *       start-up with a clear message before anything else starts;
 *   <li>{@link #messenger} is the core's way out to Slack (built once the stores exist);
 *   <li>{@link #attach} is the way in, once the core exists: the servlet for {@link #PATH} over
 *       HTTP, or a Socket Mode connection (no public URL needed).
 * </ol>
 *
 * <p>The bot token is only ever sent to the configured Web API URL. Request signatures are checked
 * against the system clock, as Slack's own timestamps are; everything else uses the given clock.
 */
public final class SlackPlatform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);

  /** Where Slack sends events, slash commands and clicks. */
  public static final String PATH = "/slack/events";

  private final SlackSettings settings;
  private final Clock clock;
  private final Slack slack;
  private final SlackWebApi api;
  private final SlackWorkspace workspace;
  private final App app;
  private final ExecutorService followUps;
  private final ExecutorService lookups;
  private final AfterAck afterAck;
  private final BlockKitRenderer renderer = new BlockKitRenderer();
  private SlackMessenger messenger;
  private InboundTurns inbound;
  private SocketModeApp socketModeApp;

  private SlackPlatform(
      SlackSettings settings, Clock clock, Slack slack, SlackWorkspace workspace, App app) {
    this.settings = settings;
    this.clock = clock;
    this.slack = slack;
    this.api = SlackWebApi.on(slack, settings.botToken());
    this.workspace = workspace;
    this.app = app;
    // One thread, so follow-up work runs in the order requests were answered: a card update
    // rendered later never lands before one rendered earlier.
    this.followUps = executor("slack-after-ack", 1);
    this.lookups = executor("slack-lookup", 4);
    this.afterAck = new AfterAck(followUps);
  }

  /**
   * Slack as the environment configures it, connected and checked; empty when no Slack variable is
   * set. Throws {@link ConfigException} for missing, empty or refused settings.
   */
  public static Optional<SlackPlatform> fromEnv(Map<String, String> env, Clock clock) {
    return SlackSettings.from(env).map(s -> connect(s, clock));
  }

  /** Checks the token with auth.test and prepares Bolt; nothing listens yet. */
  public static SlackPlatform connect(SlackSettings settings, Clock clock) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl().toString());
    // Stats would make the client call auth.test on its own and keep per-process rate-limit
    // state that the core keeps cluster-wide instead.
    config.setStatsEnabled(false);
    config.setHttpClientCallTimeoutMillis(15_000);
    config.setHttpClientReadTimeoutMillis(10_000);
    config.setHttpClientWriteTimeoutMillis(10_000);
    Slack slack = Slack.getInstance(config, httpClient(config));
    try {
      SlackWorkspace workspace = SlackTokens.authTest(slack, settings);
      settings.appToken().ifPresent(token -> SlackTokens.checkAppToken(slack, settings, token));
      App app =
          new App(
              AppConfig.builder()
                  .slack(slack)
                  .singleTeamBotToken(settings.botToken())
                  .signingSecret(settings.signingSecret())
                  .verificationToken(null)
                  .allEventsApiAutoAckEnabled(true)
                  .build());
      try {
        app.start();
      } catch (RuntimeException e) {
        throw new IllegalStateException("Slack: Bolt could not start: " + e.getMessage(), e);
      }
      return new SlackPlatform(settings, clock, slack, workspace, app);
    } catch (RuntimeException e) {
      closeQuietly(slack);
      throw e;
    }
  }

  /**
   * Slack's HTTP client as the SDK builds it (timeouts, user agent), with the connection rules of
   * every outbound client: idle connections pooled briefly, a request that landed on a connection
   * Slack had closed sent again at once, and no other silent retry ({@link KeepAlive}).
   */
  static SlackHttpClient httpClient(SlackConfig config) {
    SlackHttpClient http =
        new SlackHttpClient(
            KeepAlive.apply(SlackHttpClient.buildOkHttpClient(config).newBuilder()).build());
    http.setConfig(config);
    return http;
  }

  /** The core's way to Slack; one per process, built once the stores exist. */
  public synchronized Messenger messenger(Addresses addresses) {
    if (messenger == null) {
      messenger = new SlackMessenger(api, workspace.tenant(), addresses, renderer);
    }
    return messenger;
  }

  /** The servlet for {@link #PATH}, answering with the given core. */
  public HttpServlet servlet(FollowupCore core) {
    InboundTurns inbound = listen(core);
    return new SlackEventsServlet(
        new SlackSignatureVerifier(settings.signingSecret(), Clock.systemUTC()),
        inbound,
        new SlackAppServlet(app),
        afterAck);
  }

  /** Connects to Slack over Socket Mode (an outbound WebSocket) and answers with the core. */
  public synchronized void startSocketMode(FollowupCore core) {
    String token =
        settings
            .appToken()
            .orElseThrow(() -> new IllegalStateException("Socket Mode needs SLACK_APP_TOKEN"));
    listen(core);
    try {
      socketModeApp = new SocketModeApp(token, app, SocketModeClient.Backend.JavaWebSocket, 4);
      socketModeApp.startAsync();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Slack: could not open the Socket Mode connection: " + e.getMessage(), e);
    }
  }

  /**
   * Starts listening with the core: mounts the servlet at {@link #PATH} through {@code mount}, or,
   * with an app token, opens the Socket Mode connection instead.
   */
  public void attach(FollowupCore core, BiConsumer<String, HttpServlet> mount) {
    if (socketMode()) {
      startSocketMode(core);
    } else {
      mount.accept(PATH, servlet(core));
    }
  }

  public boolean socketMode() {
    return settings.socketMode();
  }

  /** The team the bot token belongs to, such as {@code T0123ABCD}. */
  public String teamId() {
    return workspace.teamId();
  }

  /** For the start-up log, e.g. "Slack: on (team T0123 Acme, HTTP at /slack/events)". */
  public String describe() {
    return "Slack: on (team "
        + workspace.teamId()
        + " "
        + workspace.teamName()
        + ", "
        + (socketMode() ? "Socket Mode" : "HTTP at " + PATH)
        + ")";
  }

  private synchronized InboundTurns listen(FollowupCore core) {
    if (inbound != null) {
      return inbound;
    }
    inbound = core.inbound(workspace.guard(), afterAck::run);
    new SlackRoutes(settings, clock, slack, api, workspace, renderer, afterAck, lookups)
        .register(app, core, inbound);
    return inbound;
  }

  private static ExecutorService executor(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Stops listening, lets running follow-up work finish briefly, and closes the clients. */
  @Override
  public synchronized void close() {
    if (socketModeApp != null) {
      try {
        socketModeApp.close();
      } catch (Exception e) {
        log.warn("Slack: Socket Mode did not close cleanly: {}", e.toString());
      }
    }
    try {
      app.stop();
    } catch (RuntimeException e) {
      log.warn("Slack: Bolt did not stop cleanly: {}", e.toString());
    }
    lookups.shutdownNow();
    followUps.shutdown();
    try {
      if (!followUps.awaitTermination(5, TimeUnit.SECONDS)) {
        followUps.shutdownNow();
      }
    } catch (InterruptedException e) {
      followUps.shutdownNow();
      Thread.currentThread().interrupt();
    }
    closeQuietly(slack);
  }

  private static void closeQuietly(Slack slack) {
    try {
      slack.close();
    } catch (Exception e) {
      log.debug("closing the Slack client: {}", e.toString());
    }
  }
}
