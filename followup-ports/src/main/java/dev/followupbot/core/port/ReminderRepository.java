package dev.followupbot.core.port;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores reminders, scoped by tenant except for the scheduler's own lookups by id. */
public interface ReminderRepository {

  /** Stores a new reminder and returns it with its id. */
  Reminder insert(Reminder draft);

  Optional<Reminder> findByNumber(TenantId tenant, int number);

  /** For the scheduler, which only knows the id it was given. */
  Optional<Reminder> findById(long id);

  /**
   * Writes a changed reminder if it is still in the state and occurrence it was read in. Returns
   * false if it changed meanwhile (done elsewhere, snoozed twice, delivered by another node).
   */
  boolean update(Reminder after, ReminderStatus expectedStatus, int expectedOccurrence);

  /** Pending and delivered reminders for one person, soonest first. */
  List<Reminder> active(TenantId tenant, String recipientId, int limit);

  /** Pending reminders of one case (to cancel or re-time them when the case changes). */
  List<Reminder> pendingForCase(TenantId tenant, long caseId);

  /** How many of the tenant's reminders reached {@code status} between the two instants. */
  int countCompleted(TenantId tenant, ReminderStatus status, Instant from, Instant to);

  /**
   * Takes up to {@code limit} pending reminders on the given platforms that are due at or before
   * the instant and whose current occurrence is not queued in the outbox yet, longest due first.
   * They stay locked until the caller's transaction ends, and rows another transaction holds are
   * skipped, so callers on every node take different reminders. Call it inside a transaction.
   */
  List<Reminder> takeDue(Instant dueBefore, Set<Platform> platforms, int limit);

  /**
   * Takes the one reminder like {@link #takeDue}: if it is pending, due at or before the instant
   * and its current occurrence not queued yet, and no other transaction holds it.
   */
  Optional<Reminder> takeIfDue(long id, Instant dueBefore);

  /**
   * A repeating reminder: its rule in its zone, whether it skips the holidays of the team of {@code
   * channelId}, whether it still goes on, and its newest occurrence (the current one).
   */
  record Series(
      long id,
      TenantId tenant,
      dev.followupbot.core.domain.Recurrence rule,
      java.time.ZoneId zone,
      boolean skipHolidays,
      Optional<String> channelId,
      boolean active,
      long latestReminderId) {}

  /**
   * Stores a new, active series and returns its id. Call it in the transaction that sets its first
   * occurrence.
   */
  long insertSeries(
      TenantId tenant,
      dev.followupbot.core.domain.Recurrence rule,
      java.time.ZoneId zone,
      boolean skipHolidays,
      Optional<String> channelId,
      Instant now);

  /** Makes the reminder an occurrence of the series. */
  void linkToSeries(long reminderId, long seriesId);

  /** The series the reminder is an occurrence of, if it is one. */
  Optional<Series> seriesOf(long reminderId);

  /**
   * Whether the series still goes on, holding its row until the transaction ends, so that it is not
   * ended while its next occurrence is being created. Call it inside a transaction.
   */
  boolean lockIfActive(long seriesId);

  /** Ends the series: no further occurrence is created. Returns false if it had ended already. */
  boolean stopSeries(long seriesId, Instant now);
}
