package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outgoing message and the record of its delivery. The {@code dedupeKey} names the logical
 * message (a reminder occurrence, a case card, a notification about one history entry), so the same
 * message is queued, and sent, at most once. {@code slotAt} is the sending slot the entry was given
 * in its conversation's pacing, kept until it goes out; {@code claimedAt} and {@code claimedBy} say
 * when and by which node it was last claimed.
 */
public record OutboxEntry(
    long id,
    TenantId tenant,
    DedupeKey dedupeKey,
    Kind kind,
    Optional<Destination> destination,
    Optional<Message> message,
    Optional<Long> caseId,
    Optional<Long> reminderId,
    Optional<Integer> reminderOccurrence,
    State state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Optional<String> lastError,
    Optional<Instant> slotAt,
    Optional<Instant> claimedAt,
    Optional<String> claimedBy) {

  /** What sending the entry means. */
  public enum Kind {
    /** Post a prepared message to a destination. */
    MESSAGE,
    /** Post the case's card in its channel, rendered from the case as it is at send time. */
    CASE_CARD,
    /** Re-render the case's card in place, if it has been posted. */
    CARD_REFRESH
  }

  /** Where the entry is on its way out. */
  public enum State {
    PENDING,
    SENDING,
    SENT,
    FAILED
  }

  public OutboxEntry {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(reminderId, "reminderId");
    Objects.requireNonNull(reminderOccurrence, "reminderOccurrence");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(slotAt, "slotAt");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(claimedBy, "claimedBy");
  }

  /** A prepared message to a person or channel. */
  public static OutboxEntry message(
      DedupeKey dedupeKey, Destination to, Message message, Optional<Long> caseId, Instant now) {
    return pending(
        to.tenant(),
        dedupeKey,
        Kind.MESSAGE,
        Optional.of(to),
        Optional.of(message),
        caseId,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /** One occurrence of a reminder; sending it marks that occurrence delivered. */
  public static OutboxEntry reminder(
      Destination to,
      Message message,
      long reminderId,
      int occurrence,
      Optional<Long> caseId,
      Instant now) {
    return pending(
        to.tenant(),
        DedupeKey.reminder(reminderId, occurrence),
        Kind.MESSAGE,
        Optional.of(to),
        Optional.of(message),
        caseId,
        Optional.of(reminderId),
        Optional.of(occurrence),
        now);
  }

  /** The first posting of a case's card. */
  public static OutboxEntry caseCard(TenantId tenant, long caseId, Instant now) {
    return pending(
        tenant,
        DedupeKey.caseCard(caseId),
        Kind.CASE_CARD,
        Optional.empty(),
        Optional.empty(),
        Optional.of(caseId),
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /** A refresh of a case's card after the change that produced {@code version}. */
  public static OutboxEntry cardRefresh(TenantId tenant, long caseId, int version, Instant now) {
    return refresh(tenant, caseId, DedupeKey.cardRefresh(caseId, version), now);
  }

  /**
   * A refresh of a card that was posted while the case changed: the post rendered an older version.
   */
  public static OutboxEntry cardCatchUp(TenantId tenant, long caseId, int version, Instant now) {
    return refresh(tenant, caseId, DedupeKey.cardCatchUp(caseId, version), now);
  }

  /**
   * A refresh of a card found on the platform after its post was cut off: it shows the case as it
   * was then.
   */
  public static OutboxEntry cardRecovered(TenantId tenant, long caseId, int version, Instant now) {
    return refresh(tenant, caseId, DedupeKey.cardRecovered(caseId, version), now);
  }

  /** A refresh of a case's card for a named reason (an SLA state change), once per reason. */
  public static OutboxEntry cardRefreshFor(
      TenantId tenant, long caseId, String reason, Instant now) {
    return refresh(tenant, caseId, DedupeKey.cardRefresh(caseId, reason), now);
  }

  private static OutboxEntry refresh(TenantId tenant, long caseId, DedupeKey key, Instant now) {
    return pending(
        tenant,
        key,
        Kind.CARD_REFRESH,
        Optional.empty(),
        Optional.empty(),
        Optional.of(caseId),
        Optional.empty(),
        Optional.empty(),
        now);
  }

  private static OutboxEntry pending(
      TenantId tenant,
      DedupeKey dedupeKey,
      Kind kind,
      Optional<Destination> to,
      Optional<Message> message,
      Optional<Long> caseId,
      Optional<Long> reminderId,
      Optional<Integer> occurrence,
      Instant now) {
    return new OutboxEntry(
        0,
        tenant,
        dedupeKey,
        kind,
        to,
        message,
        caseId,
        reminderId,
        occurrence,
        State.PENDING,
        0,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
