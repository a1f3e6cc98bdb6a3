package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reminders in step with the delivery of their occurrences: a sent occurrence is marked
 * delivered, one delivery gave up on is marked failed, and whoever set it for someone else is told.
 * Entries that are not a reminder's are none of its business.
 */
final class ReminderLedger implements OutboxListener {

  private static final Logger log = LoggerFactory.getLogger(ReminderLedger.class);

  private final ReminderRepository reminders;
  private final Directory directory;
  private final Outbox outbox;
  private final CoreMetrics metrics;

  ReminderLedger(
      ReminderRepository reminders, Directory directory, Outbox outbox, CoreMetrics metrics) {
    this.reminders = reminders;
    this.directory = directory;
    this.outbox = outbox;
    this.metrics = metrics;
  }

  @Override
  public void delivered(OutboxEntry entry, Instant at) {
    reminderOf(entry).ifPresent(r -> markDelivered(r.reminderId(), r.occurrence(), at));
  }

  @Override
  public List<Long> failed(OutboxEntry entry, String reason, Instant at) {
    return reminderOf(entry).map(r -> markFailed(r, reason, at)).orElse(List.of());
  }

  private static Optional<OutboxEntry.ReminderOccurrence> reminderOf(OutboxEntry entry) {
    return entry.payload() instanceof OutboxEntry.PostMessage post
        ? post.reminder()
        : Optional.empty();
  }

  private void markDelivered(long reminderId, int occurrence, Instant now) {
    reminders
        .findById(reminderId)
        .filter(r -> r.status() == ReminderStatus.PENDING && r.occurrence() == occurrence)
        .ifPresent(
            r -> {
              if (reminders.update(r.delivered(now), ReminderStatus.PENDING, occurrence)) {
                Duration late = Duration.between(r.dueAt(), now);
                metrics.reminderDelivered(r.kind(), late);
                log.info(
                    "reminder delivered tenant={} reminder={} id={} to={} late_ms={}",
                    r.tenant(),
                    r.number(),
                    r.id(),
                    r.recipientId(),
                    Math.max(0, late.toMillis()));
              }
            });
  }

  /** Records the failure on the reminder and, if someone else set it, tells them. */
  private List<Long> markFailed(
      OutboxEntry.ReminderOccurrence occurrence, String reason, Instant now) {
    Optional<Reminder> found = reminders.findById(occurrence.reminderId());
    if (found.isEmpty() || found.get().occurrence() != occurrence.occurrence()) {
      return List.of();
    }
    Reminder r = found.get();
    if (reminders.update(r.failed(reason, now), r.status(), r.occurrence())) {
      metrics.reminderFailed(r.kind());
      log.warn(
          "reminder failed tenant={} reminder={} id={} to={}: {}",
          r.tenant(),
          r.number(),
          r.id(),
          r.recipientId(),
          reason);
    }
    if (r.creatorId().equals(r.recipientId())) {
      return List.of();
    }
    String recipient = directory.name(r.tenant(), r.recipientId());
    String text =
        "I couldn't deliver reminder "
            + r.number()
            + " to "
            + recipient
            + ": "
            + reason
            + ". Check that they can receive messages from me (for Teams, that the app is installed for them).";
    return List.of(
        outbox.enqueue(
            OutboxEntry.message(
                DedupeKey.reminderFailed(r.id(), r.occurrence()),
                new Destination.Direct(new UserRef(r.tenant(), r.creatorId())),
                Message.text(text),
                r.caseId(),
                now)));
  }
}
