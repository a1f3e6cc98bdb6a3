package dev.followupbot.core.quartz;

import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wakes the core for one wake-up. Carries only its key; the core re-reads the rest. */
final class WakeUpJob implements Job {

  static final String KEY = "wakeUp";

  private static final Logger log = LoggerFactory.getLogger(WakeUpJob.class);

  private final WakeUpHandler handler;

  WakeUpJob(WakeUpHandler handler) {
    this.handler = handler;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String key = context.getMergedJobDataMap().getString(KEY);
    WakeUp.parse(key == null ? "" : key)
        .ifPresentOrElse(
            handler::wake,
            () -> log.warn("ignoring a wake-up this version does not know: {}", key));
  }
}
