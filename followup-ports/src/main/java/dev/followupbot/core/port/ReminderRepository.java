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
}
