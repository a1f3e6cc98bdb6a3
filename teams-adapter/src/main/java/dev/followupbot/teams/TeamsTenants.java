package dev.followupbot.teams;

import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure AD tenants this bot serves ({@link TeamsSettings#ALLOWED_TENANTS}). An activity's
 * tenant is trusted because its token was validated before the bot sees it.
 */
final class TeamsTenants implements TenantGuard {

  private static final Logger log = LoggerFactory.getLogger(TeamsTenants.class);

  static final String OTHER_TENANT =
      "Sorry, this followup-bot works for another organization, so I can't help here.";

  private final TeamsSettings settings;

  TeamsTenants(TeamsSettings settings) {
    this.settings = settings;
  }

  /** Tenant ids are GUIDs, whose case carries no meaning: one spelling per tenant. */
  static TenantId tenant(String teamsTenant) {
    return new TenantId(Platform.TEAMS, teamsTenant.toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<TenantId> admit(String teamsTenant) {
    if (!settings.serves(teamsTenant)) {
      log.info(
          "refused a Teams activity from tenant {}: not in {}",
          teamsTenant,
          TeamsSettings.ALLOWED_TENANTS);
      return Optional.empty();
    }
    return Optional.of(tenant(teamsTenant));
  }

  @Override
  public Message refusal() {
    return Message.text(OTHER_TENANT);
  }
}
