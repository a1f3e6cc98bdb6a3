package dev.followupbot.core.port;

import java.time.Instant;
import java.util.Map;
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
   * Drops wake-ups that are no longer needed, each only if it is still set for the time given, so
   * one set again meanwhile stays. Best effort and without waiting: a wake-up that comes all the
   * same finds nothing to do. By default nothing is dropped.
   */
  default void forget(Map<WakeUp, Instant> setFor) {}

  /**
   * The processes of the cluster that are alive now, by the node name each claims work under; empty
   * when this scheduler is not one of a cluster. The core hands a dead node's unfinished sends to a
   * live one at once instead of waiting for them to time out.
   */
  default Optional<Set<String>> liveNodes() {
    return Optional.empty();
  }

  /**
   * Whether this process is one of a cluster sharing the database. When it is not, it is the only
   * process at work there: whatever an earlier process left claimed is certainly not being sent any
   * more, and the core settles it at start-up.
   */
  default boolean clustered() {
    return false;
  }

  /**
   * Whether {@code claimedBy} names an earlier life of this very node (the same node name, a
   * process started before this one): after a restart, whatever it claimed is certainly not being
   * sent any more, without waiting for the cluster to notice that it stopped checking in.
   */
  default boolean earlierLifeOfThisNode(String claimedBy) {
    return false;
  }

  default void wakeAt(long reminderId, Instant at) {
    wakeAt(new WakeUp.ReminderDue(reminderId), at);
  }

  default void cancel(long reminderId) {
    cancel(new WakeUp.ReminderDue(reminderId));
  }
}
