package dev.followupbot.core.quartz;

import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.spi.JobFactory;

/**
 * How {@link QuartzReminderScheduler}'s jobs look in Quartz: a wake-up is a job and a trigger named
 * by its key in the {@code wake-ups} group, carrying only that key and its due time; the sweep is
 * one durable {@code system} job that repeats for ever. The job factory hands both the core's
 * handler.
 */
final class WakeUpJobs {

  private static final String WAKE_UPS = "wake-ups";
  private static final JobKey SWEEP = JobKey.jobKey("sweep", "system");

  private WakeUpJobs() {}

  static JobKey key(WakeUp wakeUp) {
    return JobKey.jobKey(wakeUp.key(), WAKE_UPS);
  }

  static JobDetail job(String name, Instant at) {
    return JobBuilder.newJob(WakeUpJob.class)
        .withIdentity(name, WAKE_UPS)
        .usingJobData(WakeUpJob.KEY, name)
        // The original time survives a misfire (Quartz then reports the handling time).
        .usingJobData("dueAt", at.toString())
        .requestRecovery(true)
        .build();
  }

  static Trigger trigger(String name, Instant at) {
    return TriggerBuilder.newTrigger()
        .withIdentity(name, WAKE_UPS)
        .startAt(Date.from(at))
        // However late, a wake-up stays with the triggers Quartz acquires. With "fire now",
        // Quartz leaves a trigger later than its misfire threshold to a scan that runs once
        // per threshold, so a backlog that crossed it stalled until the next scan.
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires())
        .build();
  }

  static JobDetail sweep() {
    return JobBuilder.newJob(SweepJob.class).withIdentity(SWEEP).storeDurably().build();
  }

  static Trigger sweepEvery(Duration interval) {
    return TriggerBuilder.newTrigger()
        .withIdentity("sweep", "system")
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(interval.toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  static JobFactory factory(WakeUpHandler handler) {
    return (bundle, scheduler) -> {
      Class<?> type = bundle.getJobDetail().getJobClass();
      if (type == WakeUpJob.class) {
        return new WakeUpJob(handler);
      }
      if (type == SweepJob.class) {
        return new SweepJob(handler);
      }
      throw new SchedulerException("unknown job type " + type.getName());
    };
  }
}
