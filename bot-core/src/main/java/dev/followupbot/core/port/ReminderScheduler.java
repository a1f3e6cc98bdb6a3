package dev.followupbot.core.port;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Wakes the core when something may be due: a reminder, a case's timers, held nudges, a team
 * digest. The promise is only "at or after that instant, at least once": the woken code re-reads
 * state, so late, duplicate or stale wake-ups are harmless. Scheduling a wake-up again replaces its
 * previous time.
 */
public interface ReminderScheduler {

  void wakeAt(WakeUp wakeUp, Instant at);

  void cancel(WakeUp wakeUp);

  /**
   * The processes of the cluster that are alive now, by the node name each claims work under; empty
   * when this scheduler is not one of a cluster. The core hands a dead node's unfinished sends to a
   * live one at once instead of waiting for them to time out.
   */
  default Optional<Set<String>> liveNodes() {
    return Optional.empty();
  }

  default void wakeAt(long reminderId, Instant at) {
    wakeAt(new WakeUp.ReminderDue(reminderId), at);
  }

  default void cancel(long reminderId) {
    cancel(new WakeUp.ReminderDue(reminderId));
  }
}
