package dev.followupbot.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.followupbot.core.config.ConfigException;
import java.io.IOException;
import java.util.Set;

/**
 * The start-up checks of Slack's tokens: auth.test says which workspace and bot user the bot token
 * belongs to, and an app token must be able to open a Socket Mode connection. A refused token stops
 * the start with a {@link ConfigException} that says where to copy a good one from.
 */
final class SlackTokens {

  private static final Set<String> REFUSED_TOKEN =
      Set.of(
          "invalid_auth",
          "not_authed",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "not_allowed_token_type");

  static SlackWorkspace authTest(Slack slack, SlackSettings settings) {
    AuthTestResponse r;
    try {
      r = slack.methods(settings.botToken()).authTest(req -> req);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Slack: could not reach the Web API at " + settings.apiUrl() + " (" + e + ")", e);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 401 || status == 403) {
        throw refusedToken(SlackSettings.BOT_TOKEN, "HTTP " + status);
      }
      throw new IllegalStateException(
          "Slack: auth.test at " + settings.apiUrl() + " failed with HTTP " + status, e);
    }
    if (!r.isOk()) {
      if (REFUSED_TOKEN.contains(r.getError())) {
        throw refusedToken(SlackSettings.BOT_TOKEN, r.getError());
      }
      throw new IllegalStateException("Slack: auth.test failed: " + r.getError());
    }
    if (r.getTeamId() == null || r.getUserId() == null) {
      throw new IllegalStateException(
          "Slack: auth.test did not say which team and bot user the token belongs to");
    }
    return new SlackWorkspace(r.getTeamId(), r.getTeam(), r.getUserId());
  }

  static void checkAppToken(Slack slack, SlackSettings settings, String appToken) {
    AppsConnectionsOpenResponse r;
    try {
      r = slack.methods().appsConnectionsOpen(req -> req.token(appToken));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Slack: could not reach the Web API at " + settings.apiUrl() + " (" + e + ")", e);
    } catch (SlackApiException e) {
      throw new IllegalStateException(
          "Slack: apps.connections.open failed with HTTP " + e.getResponse().code(), e);
    }
    if (!r.isOk()) {
      if (REFUSED_TOKEN.contains(r.getError())) {
        throw refusedToken(SlackSettings.APP_TOKEN, r.getError());
      }
      throw new ConfigException(
          SlackSettings.APP_TOKEN
              + " cannot open a Socket Mode connection ("
              + r.getError()
              + "): turn on Socket Mode in the app's settings and give the token the"
              + " connections:write scope.");
    }
  }

  private static ConfigException refusedToken(String variable, String error) {
    return new ConfigException(
        variable
            + " was refused by Slack ("
            + error
            + "). Copy the token again from the app's settings ("
            + (variable.equals(SlackSettings.BOT_TOKEN)
                ? "OAuth & Permissions → Bot User OAuth Token"
                : "Basic Information → App-Level Tokens")
            + "); if the app was uninstalled, reinstall it first.");
  }

  private SlackTokens() {}
}
