package dev.followupbot.core.api;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.port.WebhookLog;
import java.util.List;
import java.util.Optional;

/** What became of a tenant's webhook events, for the REST API's deliveries list. */
public final class WebhookHistory {

  private final WebhookLog log;

  public WebhookHistory(WebhookLog log) {
    this.log = log;
  }

  /**
   * The tenant's entries, newest first, optionally only one case's or in one state, with ids below
   * {@code beforeId} (for paging).
   */
  public List<WebhookEntry> list(
      TenantId tenant,
      Optional<Long> caseId,
      Optional<WebhookEntry.State> state,
      long beforeId,
      int limit) {
    return log.list(tenant, caseId, state, beforeId, limit);
  }
}
