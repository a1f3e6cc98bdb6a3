package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one webhook URL, and the record of its delivery. {@code eventKey} names
 * the logical event (a history entry, an SLA state change, a CSAT score), so the same event is
 * queued for a URL at most once; {@code eventId} is what receivers see to drop repeats.
 */
public record WebhookEntry(
    long id,
    TenantId tenant,
    String targetId,
    String url,
    String eventId,
    String eventKey,
    String eventType,
    long caseId,
    int caseNumber,
    String payload,
    State state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Optional<Instant> finishedAt,
    Optional<Integer> lastStatus,
    Optional<String> lastError) {

  /** Where the entry is on its way out. */
  public enum State {
    PENDING,
    SENDING,
    DELIVERED,
    FAILED
  }

  public WebhookEntry {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventKey, "eventKey");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(lastStatus, "lastStatus");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** A new entry, due at once. */
  public static WebhookEntry draft(
      TenantId tenant,
      String targetId,
      String url,
      String eventId,
      String eventKey,
      String eventType,
      long caseId,
      int caseNumber,
      String payload,
      Instant now) {
    return new WebhookEntry(
        0,
        tenant,
        targetId,
        url,
        eventId,
        eventKey,
        eventType,
        caseId,
        caseNumber,
        payload,
        State.PENDING,
        0,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
