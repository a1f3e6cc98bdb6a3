package dev.followupbot.core.quartz;

import dev.followupbot.core.port.WakeUpHandler;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Wakes the core for one reminder. Carries only the reminder's id; the core re-reads the rest. */
final class ReminderWakeUpJob implements Job {

  static final String REMINDER_ID = "reminderId";

  private final WakeUpHandler handler;

  ReminderWakeUpJob(WakeUpHandler handler) {
    this.handler = handler;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String id = context.getMergedJobDataMap().getString(REMINDER_ID);
    handler.reminderDue(Long.parseLong(id));
  }
}
