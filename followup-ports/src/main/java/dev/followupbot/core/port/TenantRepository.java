package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;

/** Knows every workspace followup-bot has seen, and hands out its per-tenant numbers. */
public interface TenantRepository {

  /** Records the tenant if it is new. Safe to call on every request. */
  void ensure(TenantId tenant);

  /** The next case number in this tenant (#1, #2, …). Call inside the transaction that uses it. */
  int nextCaseNumber(TenantId tenant);

  /** The next reminder number in this tenant. Call inside the transaction that uses it. */
  int nextReminderNumber(TenantId tenant);
}
