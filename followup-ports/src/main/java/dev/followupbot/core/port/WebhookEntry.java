package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one webhook URL, and the record of its delivery. {@code eventKey} names
 * the logical event (a history entry, an SLA state change, a CSAT score, a reminder change), so the
 * same event is queued for a URL at most once; {@code eventId} is what receivers see to drop
 * repeats. {@code caseId} and {@code caseNumber} are both set or both empty: an event of a reminder
 * about no case has none.
 */
public record WebhookEntry(
    long id,
    TenantId tenant,
    String targetId,
    String url,
    String eventId,
    String eventKey,
    String eventType,
    Optional<Long> caseId,
    Optional<Integer> caseNumber,
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
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(caseNumber, "caseNumber");
    if (caseId.isPresent() != caseNumber.isPresent()) {
      throw new IllegalArgumentException("caseId and caseNumber go together");
    }
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(lastStatus, "lastStatus");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** A new entry of a case's event, due at once. */
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
    return draft(
        tenant,
        targetId,
        url,
        eventId,
        eventKey,
        eventType,
        Optional.of(caseId),
        Optional.of(caseNumber),
        payload,
        now);
  }

  /** A new entry, due at once, of a case's event or (both empty) of an event of no case. */
  public static WebhookEntry draft(
      TenantId tenant,
      String targetId,
      String url,
      String eventId,
      String eventKey,
      String eventType,
      Optional<Long> caseId,
      Optional<Integer> caseNumber,
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
