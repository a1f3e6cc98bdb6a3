package dev.followupbot.core.port;

/**
 * What the scheduler calls when it wakes up. Implemented by the core; every method re-reads state
 * and is safe to call late, twice, or on two nodes at once.
 */
public interface WakeUpHandler {

  /** A wake-up's time has come. */
  void wake(WakeUp wakeUp);

  /** A reminder's wake-up time has come. */
  default void reminderDue(long reminderId) {
    wake(new WakeUp.ReminderDue(reminderId));
  }

  /**
   * The periodic safety net: delivers queued messages whose time has come, retries, and catches
   * reminders and nudges whose wake-up was lost.
   */
  void sweep();
}
