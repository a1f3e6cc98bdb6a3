package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up due at an instant for one recipient, optionally about a case and linking to the
 * message it is about ({@code link}, a URL the platform opens). A reminder with a {@code channel}
 * is posted there instead of to its recipient, who is then the person who set it. Each delivery is
 * one occurrence; snoozing starts the next occurrence, so a delivery record per occurrence makes
 * sending idempotent.
 */
public record Reminder(
    long id,
    TenantId tenant,
    int number,
    String recipientId,
    String creatorId,
    Optional<Long> caseId,
    ReminderKind kind,
    Optional<String> note,
    Instant dueAt,
    ReminderStatus status,
    int occurrence,
    int snoozeCount,
    Instant createdAt,
    Optional<Instant> deliveredAt,
    Optional<Instant> completedAt,
    Optional<String> lastError,
    Optional<String> link,
    Optional<ReminderChannel> channel) {

  public static final int MAX_NOTE = 1000;

  /** Longest link to the message a reminder is about. */
  public static final int MAX_LINK = 1000;

  /** A reminder about no message in particular, as before links were kept. */
  public Reminder(
      long id,
      TenantId tenant,
      int number,
      String recipientId,
      String creatorId,
      Optional<Long> caseId,
      ReminderKind kind,
      Optional<String> note,
      Instant dueAt,
      ReminderStatus status,
      int occurrence,
      int snoozeCount,
      Instant createdAt,
      Optional<Instant> deliveredAt,
      Optional<Instant> completedAt,
      Optional<String> lastError) {
    this(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        status,
        occurrence,
        snoozeCount,
        createdAt,
        deliveredAt,
        completedAt,
        lastError,
        Optional.empty(),
        Optional.empty());
  }

  /** A reminder to its recipient, as before channel reminders. */
  public Reminder(
      long id,
      TenantId tenant,
      int number,
      String recipientId,
      String creatorId,
      Optional<Long> caseId,
      ReminderKind kind,
      Optional<String> note,
      Instant dueAt,
      ReminderStatus status,
      int occurrence,
      int snoozeCount,
      Instant createdAt,
      Optional<Instant> deliveredAt,
      Optional<Instant> completedAt,
      Optional<String> lastError,
      Optional<String> link) {
    this(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        status,
        occurrence,
        snoozeCount,
        createdAt,
        deliveredAt,
        completedAt,
        lastError,
        link,
        Optional.empty());
  }

  public Reminder {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(creatorId, "creatorId");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(channel, "channel");
    link = Objects.requireNonNull(link, "link").map(String::strip).filter(l -> !l.isEmpty());
    if (link.isPresent() && link.get().length() > MAX_LINK) {
      throw new IllegalArgumentException("link must be at most " + MAX_LINK + " characters");
    }
    note = note.map(String::strip).filter(n -> !n.isEmpty());
    if (note.isPresent() && note.get().length() > MAX_NOTE) {
      throw new IllegalArgumentException("note must be at most " + MAX_NOTE + " characters");
    }
  }

  /** A new pending reminder before it is stored. */
  public static Reminder create(
      TenantId tenant,
      int number,
      String recipientId,
      String creatorId,
      Optional<Long> caseId,
      ReminderKind kind,
      Optional<String> note,
      Instant dueAt,
      Instant now) {
    return create(
        tenant, number, recipientId, creatorId, caseId, kind, note, dueAt, now, Optional.empty());
  }

  /** A new pending reminder before it is stored, linking to the message it is about. */
  public static Reminder create(
      TenantId tenant,
      int number,
      String recipientId,
      String creatorId,
      Optional<Long> caseId,
      ReminderKind kind,
      Optional<String> note,
      Instant dueAt,
      Instant now,
      Optional<String> link) {
    return new Reminder(
        0,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        ReminderStatus.PENDING,
        1,
        0,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        link,
        Optional.empty());
  }

  /** The same reminder, posted in {@code where} instead of to its recipient. */
  public Reminder inChannel(ReminderChannel where) {
    return new Reminder(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        status,
        occurrence,
        snoozeCount,
        createdAt,
        deliveredAt,
        completedAt,
        lastError,
        link,
        Optional.of(where));
  }

  /** Due again later, as a new occurrence. */
  public Reminder snoozedUntil(Instant until) {
    return new Reminder(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        until,
        ReminderStatus.PENDING,
        occurrence + 1,
        snoozeCount + 1,
        createdAt,
        deliveredAt,
        Optional.empty(),
        Optional.empty(),
        link,
        channel);
  }

  /** This occurrence reached its recipient. */
  public Reminder delivered(Instant now) {
    return new Reminder(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        ReminderStatus.DELIVERED,
        occurrence,
        snoozeCount,
        createdAt,
        Optional.of(now),
        completedAt,
        Optional.empty(),
        link,
        channel);
  }

  /** The platform refused this reminder for good. */
  public Reminder failed(String error, Instant now) {
    return new Reminder(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        ReminderStatus.FAILED,
        occurrence,
        snoozeCount,
        createdAt,
        deliveredAt,
        Optional.of(now),
        Optional.of(error.length() > 1000 ? error.substring(0, 1000) : error),
        link,
        channel);
  }

  public Reminder completed(ReminderStatus finalStatus, Instant now) {
    return new Reminder(
        id,
        tenant,
        number,
        recipientId,
        creatorId,
        caseId,
        kind,
        note,
        dueAt,
        finalStatus,
        occurrence,
        snoozeCount,
        createdAt,
        deliveredAt,
        Optional.of(now),
        lastError,
        link,
        channel);
  }
}
