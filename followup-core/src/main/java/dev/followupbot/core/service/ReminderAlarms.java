package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.port.ReminderScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reminder's wake-up, set and cleared without failing the caller: the stored reminder is the
 * truth, so a wake-up that could not be set is caught by the overdue sweep, and one that could not
 * be cleared finds the reminder finished.
 */
final class ReminderAlarms {

  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  private final ReminderScheduler scheduler;

  ReminderAlarms(ReminderScheduler scheduler) {
    this.scheduler = scheduler;
  }

  void set(Reminder r) {
    try {
      scheduler.wakeAt(r.id(), r.dueAt());
    } catch (RuntimeException e) {
      log.warn(
          "could not schedule reminder id={}; the sweep will deliver it when due: {}",
          r.id(),
          e.toString());
    }
  }

  void clear(long id) {
    try {
      scheduler.cancel(id);
    } catch (RuntimeException e) {
      log.warn(
          "could not unschedule reminder id={}; its wake-up will find it finished: {}",
          id,
          e.toString());
    }
  }
}
