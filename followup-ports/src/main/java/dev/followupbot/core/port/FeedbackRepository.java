package dev.followupbot.core.port;

import dev.followupbot.core.domain.CaseFeedback;
import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.List;

/** Stores customers' satisfaction scores, per tenant. */
public interface FeedbackRepository {

  void record(CaseFeedback feedback);

  List<CaseFeedback> forCase(TenantId tenant, long caseId);

  /** Every score recorded in the tenant between the two instants. */
  List<CaseFeedback> between(TenantId tenant, Instant from, Instant to);
}
