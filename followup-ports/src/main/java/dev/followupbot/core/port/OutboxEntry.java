package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outgoing message and the record of its delivery. The {@code key} names the logical message (a
 * reminder occurrence, a case card, a notification about one history entry), so the same message is
 * queued, and sent, at most once. The {@code payload} says what sending it means; the {@code state}
 * is where it is on its way out.
 */
public record OutboxEntry(
    long id, TenantId tenant, DedupeKey key, Payload payload, DeliveryState state) {

  /** What sending the entry means. */
  public sealed interface Payload permits PostMessage, PostCaseCard, RefreshCard {
    /** The case the entry is about, if any. */
    Optional<Long> about();
  }

  /**
   * Post a prepared message to a destination; {@code about} is the case it concerns, and {@code
   * reminder} the reminder occurrence it delivers, if it does.
   */
  public record PostMessage(
      Destination to, Message message, Optional<Long> about, Optional<ReminderOccurrence> reminder)
      implements Payload {
    public PostMessage {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(about, "about");
      Objects.requireNonNull(reminder, "reminder");
    }
  }

  /** Post the case's card in its channel, rendered from the case as it is at send time. */
  public record PostCaseCard(long caseId) implements Payload {
    @Override
    public Optional<Long> about() {
      return Optional.of(caseId);
    }
  }

  /** Re-render the case's card in place, if it has been posted. */
  public record RefreshCard(long caseId) implements Payload {
    @Override
    public Optional<Long> about() {
      return Optional.of(caseId);
    }
  }

  /** One occurrence of a reminder, which the message delivers. */
  public record ReminderOccurrence(long reminderId, int occurrence) {}

  /** Where the entry is on its way out. */
  public enum State {
    PENDING,
    SENDING,
    SENT,
    FAILED
  }

  /**
   * The record of an entry's delivery. {@code slotAt} is the sending slot the entry was given in
   * its conversation's pacing, kept until it goes out; {@code claimedAt} and {@code claimedBy} say
   * when and by which node it was last claimed.
   */
  public record DeliveryState(
      State status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      Optional<String> lastError,
      Optional<Instant> slotAt,
      Optional<Instant> claimedAt,
      Optional<String> claimedBy) {
    public DeliveryState {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      Objects.requireNonNull(lastError, "lastError");
      Objects.requireNonNull(slotAt, "slotAt");
      Objects.requireNonNull(claimedAt, "claimedAt");
      Objects.requireNonNull(claimedBy, "claimedBy");
    }

    /** Queued at {@code now}, due at once, never tried. */
    public static DeliveryState pending(Instant now) {
      return new DeliveryState(
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

  public OutboxEntry {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
  }

  /** A prepared message to a person or channel. */
  public static OutboxEntry message(
      DedupeKey key, Destination to, Message message, Optional<Long> caseId, Instant now) {
    return pending(to.tenant(), key, new PostMessage(to, message, caseId, Optional.empty()), now);
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
        new PostMessage(
            to, message, caseId, Optional.of(new ReminderOccurrence(reminderId, occurrence))),
        now);
  }

  /** The first posting of a case's card. */
  public static OutboxEntry caseCard(TenantId tenant, long caseId, Instant now) {
    return pending(tenant, DedupeKey.caseCard(caseId), new PostCaseCard(caseId), now);
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
    return pending(tenant, key, new RefreshCard(caseId), now);
  }

  private static OutboxEntry pending(TenantId tenant, DedupeKey key, Payload payload, Instant now) {
    return new OutboxEntry(0, tenant, key, payload, DeliveryState.pending(now));
  }
}
