package dev.followupbot.teams;

import com.microsoft.bot.connector.authentication.ChannelValidation;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.port.Addresses;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams, wired for the launcher: {@link #messenger(Addresses)} goes into the core's
 * messenger list, {@link #servlet(FollowupCore)} is mounted at {@value #PATH} once the core exists.
 * Both share one Bot Builder adapter and one store of conversation references.
 */
public final class TeamsPlatform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TeamsPlatform.class);
  public static final String PATH = "/api/messages";

  private final TeamsSettings settings;
  private final TeamsBotAdapter adapter;
  private final AdaptiveCardRenderer renderer = new AdaptiveCardRenderer();
  private final Clock clock;
  private final ExecutorService deliveries;
  private ConversationBook book;

  TeamsPlatform(TeamsSettings settings, AppCredentialsSource credentials, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    settings.openIdMetadata().ifPresent(ChannelValidation::setOpenIdMetaDataUrl);
    this.adapter = new TeamsBotAdapter(settings, credentials);
    this.deliveries =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "teams-delivery");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Teams as the environment configures it, or empty when it is not configured.
   *
   * @throws dev.followupbot.core.config.ConfigException when the Teams variables are incomplete
   */
  public static Optional<TeamsPlatform> fromEnv(Map<String, String> env, Clock clock) {
    return TeamsSettings.from(env)
        .map(s -> new TeamsPlatform(s, TeamsBotAdapter.entraId(s), clock));
  }

  public TeamsSettings settings() {
    return settings;
  }

  /** The messenger that delivers to Teams, on the stores the core will use. */
  public TeamsMessenger messenger(Addresses addresses) {
    ConversationBook b = book(addresses);
    return new TeamsMessenger(
        adapter, settings.appId(), b, settings.serviceUrls(), renderer, clock);
  }

  /** The servlet for {@value #PATH}. */
  public HttpServlet servlet(FollowupCore core) {
    ConversationBook b;
    synchronized (this) {
      if (book == null) {
        throw new IllegalStateException("Teams: build the messenger before the servlet");
      }
      b = book;
    }
    TeamsBot bot = new TeamsBot(core, settings, b, renderer, deliveries);
    if (settings.authOff()) {
      log.warn(
          "Teams authentication is OFF (TEAMS_AUTH=off): anyone on this machine can post activities"
              + " as anyone. Only loopback requests and loopback service URLs are accepted. Never run"
              + " like this in production.");
    }
    // Token lifetimes are Microsoft's wall-clock times, whatever clock the core runs on.
    return new TeamsMessagesServlet(adapter, bot, settings, Clock.systemUTC());
  }

  TeamsBotAdapter adapter() {
    return adapter;
  }

  /** The start-up log line. */
  public String describe() {
    return settings.describe();
  }

  private synchronized ConversationBook book(Addresses addresses) {
    if (book == null) {
      book = new ConversationBook(addresses, settings.serviceUrls());
    }
    return book;
  }

  /** Lets deliveries started by requests finish (they are in the outbox either way). */
  @Override
  public void close() {
    deliveries.shutdown();
    try {
      deliveries.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
