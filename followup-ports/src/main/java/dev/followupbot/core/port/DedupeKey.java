package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The name of one logical outgoing message, under which it is queued, and sent, at most once. Each
 * kind of message has its factory here, so a key is spelled in one place. The {@link #value} is
 * what the outbox stores and what a post carries as its idempotency marker: keep every format as it
 * is, or entries already stored would no longer be recognised.
 */
public record DedupeKey(String value) {

  public DedupeKey {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a dedupe key is never blank");
    }
  }

  /** A key as stored. */
  public static DedupeKey of(String value) {
    return new DedupeKey(value);
  }

  /** One occurrence of a reminder. */
  public static DedupeKey reminder(long reminderId, int occurrence) {
    return new DedupeKey("reminder:" + reminderId + ":" + occurrence);
  }

  /** The notice to a reminder's setter that one occurrence could not be delivered. */
  public static DedupeKey reminderFailed(long reminderId, int occurrence) {
    return new DedupeKey(reminder(reminderId, occurrence).value + ":failed");
  }

  /** The first posting of a case's card. */
  public static DedupeKey caseCard(long caseId) {
    return new DedupeKey("card:" + caseId);
  }

  /** A refresh of a case's card after the change that produced {@code version}. */
  public static DedupeKey cardRefresh(long caseId, int version) {
    return cardRefresh(caseId, "v" + version);
  }

  /** A refresh of a card that was posted while the case changed to {@code version}. */
  public static DedupeKey cardCatchUp(long caseId, int version) {
    return cardRefresh(caseId, "v" + version + ":after-post");
  }

  /** A refresh of a card found on the platform after its post was cut off. */
  public static DedupeKey cardRecovered(long caseId, int version) {
    return cardRefresh(caseId, "v" + version + ":recovered");
  }

  /** A refresh of a case's card for a named reason (an SLA state change), once per reason. */
  public static DedupeKey cardRefresh(long caseId, String reason) {
    return new DedupeKey(caseCard(caseId).value + ":" + reason);
  }

  /**
   * The direct message telling a case's new owner about the hand-off recorded as {@code eventId}.
   */
  public static DedupeKey handoff(long eventId) {
    return new DedupeKey("event:" + eventId + ":handoff");
  }

  /**
   * The "resolve it?" question to a case's owner after the requester's pleasantry {@code
   * messageId}.
   */
  /**
   * The question in a case's thread to a requester silent since {@code silentSince} (epoch ms),
   * once per stretch of silence.
   */
  public static DedupeKey silenceQuestion(long caseId, long silentSince) {
    return new DedupeKey(caseCard(caseId).value + ":anything-else:" + silentSince);
  }

  /** The owner's note that history entry {@code eventId} resolved their case on its own. */
  public static DedupeKey autoResolved(long eventId) {
    return new DedupeKey("event:" + eventId + ":auto-resolved");
  }

  public static DedupeKey resolvePrompt(long caseId, String messageId) {
    return new DedupeKey(caseCard(caseId).value + ":resolve-prompt:" + messageId);
  }

  /**
   * The answer to a chat request that could not be given in time: short and unique whatever the
   * request key holds.
   */
  public static DedupeKey lateAnswer(String requestKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(requestKey.getBytes(StandardCharsets.UTF_8));
      return new DedupeKey("answer:" + HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A team's digest in one channel, for the schedule's occurrence at {@code occurrence}. */
  public static DedupeKey teamDigest(
      String teamId, TenantId tenant, String channelId, Instant occurrence) {
    return new DedupeKey(
        "digest:team:"
            + teamId
            + ":"
            + tenant.key()
            + ":"
            + channelId
            + ":"
            + occurrence.toEpochMilli());
  }

  /** A person's morning digest on {@code day}. */
  public static DedupeKey personalDigest(UserRef person, LocalDate day) {
    return new DedupeKey(
        "digest:person:" + person.tenant().key() + ":" + person.userId() + ":" + day);
  }

  /** One message bundling {@code count} nudges, the first of them {@code firstNudgeId}. */
  public static DedupeKey nudges(long firstNudgeId, int count) {
    return new DedupeKey("nudges:" + firstNudgeId + ":" + count);
  }

  /** The stored form, so that logs read as before. */
  @Override
  public String toString() {
    return value;
  }
}
