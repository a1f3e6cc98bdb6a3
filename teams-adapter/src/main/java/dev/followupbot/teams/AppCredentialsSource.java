package dev.followupbot.teams;

import com.microsoft.bot.connector.authentication.AppCredentials;

/**
 * Where the bot's outbound credentials come from: Entra ID client credentials in production, a
 * fixed token in tests that fake the Bot Connector.
 */
@FunctionalInterface
interface AppCredentialsSource {

  /** Credentials for {@code appId} asking for tokens with {@code scope}. */
  AppCredentials credentials(String appId, String scope);
}
