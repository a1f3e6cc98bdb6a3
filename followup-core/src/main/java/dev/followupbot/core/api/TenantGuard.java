package dev.followupbot.core.api;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.util.Optional;

/**
 * The first stage of {@link InboundTurns}: which of our tenants a platform's own tenant id (a Slack
 * team, an Azure AD tenant) is, if we serve it at all.
 */
public interface TenantGuard {

  /** The tenant {@code platformTenant} is, or empty when this bot does not serve it. */
  Optional<TenantId> admit(String platformTenant);

  /** What a person of a tenant we do not serve is told. */
  Message refusal();
}
