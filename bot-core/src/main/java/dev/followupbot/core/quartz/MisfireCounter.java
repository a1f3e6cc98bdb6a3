package dev.followupbot.core.quartz;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;

/**
 * Counts wake-ups Quartz fired later than its misfire threshold ({@code followup_quartz_misfires}):
 * many of them mean the scheduler's threads or the database cannot keep up, or the node was down.
 * The core re-reads state on every wake-up, so a misfire is late, never lost.
 */
final class MisfireCounter implements TriggerListener {

  private final Counter misfires;

  MisfireCounter(MeterRegistry registry) {
    this.misfires =
        Counter.builder("followup.quartz.misfires")
            .description("Wake-ups Quartz fired later than its misfire threshold")
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
  public void triggerFired(Trigger trigger, JobExecutionContext context) {}

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
