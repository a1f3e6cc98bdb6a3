package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A customer's satisfaction with how a case was handled, from 1 (poor) to 5 (great). */
public record CaseFeedback(
    TenantId tenant,
    long caseId,
    int score,
    Optional<String> comment,
    String recordedBy,
    Instant recordedAt) {

  public CaseFeedback {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException("score must be from 1 to 5");
    }
  }
}
