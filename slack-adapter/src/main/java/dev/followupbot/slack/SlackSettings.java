package dev.followupbot.slack;

import dev.followupbot.core.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach Slack, from the environment: the bot token and signing secret that turn Slack on,
 * the Web API base URL, and the app token that selects Socket Mode. Every mistake is a {@link
 * ConfigException} naming the variable and what is expected; {@link #toString()} never shows a
 * secret.
 */
public record SlackSettings(
    String botToken, String signingSecret, URI apiUrl, Optional<String> appToken) {

  public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
  public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
  public static final String API_URL = "SLACK_API_URL";
  public static final String APP_TOKEN = "SLACK_APP_TOKEN";
  public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api/");

  public SlackSettings {
    if (botToken == null || botToken.isBlank()) {
      throw new IllegalArgumentException("botToken");
    }
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("signingSecret");
    }
    java.util.Objects.requireNonNull(apiUrl, "apiUrl");
    java.util.Objects.requireNonNull(appToken, "appToken");
  }

  /** Socket Mode (an outbound WebSocket) instead of HTTP requests to /slack/events. */
  public boolean socketMode() {
    return appToken.isPresent();
  }

  /**
   * The settings, or empty when no Slack variable is set at all (Slack stays off). A variable that
   * is set but empty counts as set, so a half-finished configuration never starts quietly without
   * Slack.
   */
  public static Optional<SlackSettings> from(Map<String, String> env) {
    boolean anySet =
        env.containsKey(BOT_TOKEN) || env.containsKey(SIGNING_SECRET) || env.containsKey(APP_TOKEN);
    if (!anySet) {
      if (env.containsKey(API_URL)) {
        throw new ConfigException(
            API_URL
                + " is set but Slack is off: set "
                + BOT_TOKEN
                + " and "
                + SIGNING_SECRET
                + " to turn Slack on, or unset "
                + API_URL
                + ".");
      }
      return Optional.empty();
    }
    String token = required(env, BOT_TOKEN, "the bot token (xoxb-…) from OAuth & Permissions");
    String secret =
        required(
            env, SIGNING_SECRET, "the signing secret from Basic Information → App Credentials");
    if (!token.startsWith("xoxb-")) {
      throw new ConfigException(
          BOT_TOKEN
              + " is not a bot token: expected a value starting with xoxb- (OAuth & Permissions →"
              + " Bot User OAuth Token).");
    }
    Optional<String> appToken = Optional.empty();
    if (env.containsKey(APP_TOKEN)) {
      String value = env.get(APP_TOKEN).strip();
      if (value.isEmpty()) {
        throw new ConfigException(
            APP_TOKEN
                + " is set but empty: set it to an app-level token (xapp-…) with the"
                + " connections:write scope for Socket Mode, or unset it to receive Slack over HTTP.");
      }
      if (!value.startsWith("xapp-")) {
        throw new ConfigException(
            APP_TOKEN
                + " is not an app-level token: expected a value starting with xapp- (Basic"
                + " Information → App-Level Tokens, scope connections:write).");
      }
      appToken = Optional.of(value);
    }
    URI api = apiUrl(env.get(API_URL));
    return Optional.of(new SlackSettings(token, secret, api, appToken));
  }

  private static String required(Map<String, String> env, String name, String what) {
    if (!env.containsKey(name)) {
      String other = name.equals(BOT_TOKEN) ? SIGNING_SECRET : BOT_TOKEN;
      String which = env.containsKey(other) ? other : APP_TOKEN;
      throw new ConfigException(
          name
              + " is missing: "
              + which
              + " is set, and Slack needs both "
              + BOT_TOKEN
              + " and "
              + SIGNING_SECRET
              + ". Set "
              + name
              + " to "
              + what
              + ", or unset the Slack variables to run without Slack.");
    }
    String value = env.get(name).strip();
    if (value.isEmpty()) {
      throw new ConfigException(
          name
              + " is set but empty: set it to "
              + what
              + ", or unset the Slack variables to run without Slack.");
    }
    return value;
  }

  static URI apiUrl(String raw) {
    if (raw == null) {
      return DEFAULT_API_URL;
    }
    String value = raw.strip();
    String expected =
        "expected the Slack Web API base URL, such as "
            + DEFAULT_API_URL
            + " (https://, or http:// for localhost only).";
    if (value.isEmpty()) {
      throw new ConfigException(API_URL + " is set but empty: " + expected);
    }
    URI uri;
    try {
      uri = new URI(value.endsWith("/") ? value : value + "/");
    } catch (URISyntaxException e) {
      throw new ConfigException(API_URL + "=" + value + " is not valid: " + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getUserInfo() != null
        || !(scheme.equals("https") || (scheme.equals("http") && loopback(host)))) {
      throw new ConfigException(API_URL + "=" + value + " is not valid: " + expected);
    }
    return uri;
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("[::1]")
        || h.equals("::1");
  }

  @Override
  public String toString() {
    return "SlackSettings[apiUrl="
        + apiUrl
        + ", mode="
        + (socketMode() ? "Socket Mode" : "HTTP")
        + ", secrets hidden]";
  }
}
