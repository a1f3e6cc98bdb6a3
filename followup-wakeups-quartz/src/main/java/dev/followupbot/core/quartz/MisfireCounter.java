package dev.followupbot.core.quartz;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Date;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;

/**
 * Counts wake-ups fired later than the misfire threshold ({@code followup_quartz_misfires}): many
 * of them mean the scheduler's threads or the database cannot keep up, or the node was down. The
 * core re-reads state on every wake-up, so a misfire is late, never lost. Wake-ups ignore Quartz's
 * own misfire handling and are measured here when they fire; the sweep, which does not, is counted
 * when Quartz reports it misfired.
 */
final class MisfireCounter implements TriggerListener {

  private final Counter misfires;
  private final long thresholdMillis;

  MisfireCounter(MeterRegistry registry, Duration threshold) {
    this.thresholdMillis = threshold.toMillis();
    this.misfires =
        Counter.builder("followup.quartz.misfires")
            .description("Wake-ups fired later than the misfire threshold")
            .register(registry);
  }

  @Override
  public String getName() {
    return "followup-misfires";
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    misfires.increment();
  }

  @Override
  public void triggerFired(Trigger trigger, JobExecutionContext context) {
    Date scheduled = context.getScheduledFireTime();
    if (trigger.getMisfireInstruction() == Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY
        && scheduled != null
        && context.getFireTime().getTime() - scheduled.getTime() > thresholdMillis) {
      misfires.increment();
    }
  }

  @Override
  public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
    return false;
  }

  @Override
  public void triggerComplete(
      Trigger trigger,
      JobExecutionContext context,
      Trigger.CompletedExecutionInstruction instruction) {}
}
