package dev.followupbot.core.testing;

import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.util.Optional;

/**
 * A tenant guard that serves one platform tenant (a Slack team, say {@code "T-ACME"}) as {@code
 * tenant} and refuses everyone else with {@code refusal}.
 *
 * <p>It lives in followup-core's test jar, not in followup-testkit: {@link TenantGuard} is
 * followup-core's, and followup-core's tests depend on the testkit.
 */
public record OneTenant(String platformTenant, TenantId tenant, Message refusal)
    implements TenantGuard {

  /** Serves the Slack team {@code "T-ACME"} as {@link CoreHarness#ACME}. */
  public static OneTenant acme(String refusal) {
    return new OneTenant("T-ACME", CoreHarness.ACME, Message.text(refusal));
  }

  @Override
  public Optional<TenantId> admit(String platform) {
    return platformTenant.equals(platform) ? Optional.of(tenant) : Optional.empty();
  }
}
