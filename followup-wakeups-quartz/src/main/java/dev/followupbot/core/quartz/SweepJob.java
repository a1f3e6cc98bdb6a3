package dev.followupbot.core.quartz;

import dev.followupbot.core.port.WakeUpHandler;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the core's periodic safety net; one at a time across the cluster. */
@DisallowConcurrentExecution
final class SweepJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(SweepJob.class);

  private final WakeUpHandler handler;

  SweepJob(WakeUpHandler handler) {
    this.handler = handler;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      handler.sweep();
    } catch (RuntimeException e) {
      // The next sweep tries again; a failing sweep must not unschedule itself.
      log.warn("sweep failed; will try again at the next one: {}", e.toString());
    }
  }
}
