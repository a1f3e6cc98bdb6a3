package dev.followupbot.core.port;

import java.time.Instant;

/**
 * Wakes the core when a reminder is due. The promise is only "at or after that instant, at least
 * once": the woken code re-reads the reminder, so late, duplicate or stale wake-ups are harmless.
 * Scheduling a reminder again replaces its previous wake-up.
 */
public interface ReminderScheduler {

  void wakeAt(long reminderId, Instant at);

  void cancel(long reminderId);
}
