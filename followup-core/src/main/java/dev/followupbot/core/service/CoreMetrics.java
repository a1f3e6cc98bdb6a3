package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.NudgeKind;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.ReminderKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * What the core counts for operators, on whatever Micrometer registry the launcher gives it
 * (Prometheus in {@code serve}). Names and tags are fixed here so dashboards can rely on them; no
 * tag carries a tenant, case or person, so the number of series stays small.
 */
public final class CoreMetrics {

  /** Outcomes of a platform API call, as tags. */
  public static final String OK = "ok";

  public static final String RATE_LIMITED = "rate_limited";
  public static final String TRANSIENT = "transient";
  public static final String PERMANENT = "permanent";

  private static final Duration[] LATENESS =
      durations("PT1S", "PT5S", "PT15S", "PT30S", "PT1M", "PT5M", "PT15M", "PT1H");
  private static final Duration[] CASE_TIMES =
      durations("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT4H", "P1D", "P3D", "P7D");

  private final MeterRegistry registry;
  private final Timer lateness;
  private final Timer timeToClaim;
  private final Timer timeToResolve;
  private final Timer timeToFirstResponse;
  private final Timer timeToNextResponse;

  public CoreMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.lateness =
        Timer.builder("followup.reminder.lateness")
            .description("How late reminders were delivered after their due time")
            .serviceLevelObjectives(LATENESS)
            .register(registry);
    this.timeToClaim =
        Timer.builder("followup.case.time_to_claim")
            .description("How long cases waited unclaimed before someone took them")
            .serviceLevelObjectives(CASE_TIMES)
            .register(registry);
    this.timeToResolve =
        Timer.builder("followup.case.time_to_resolve")
            .description("From a case's opening to its resolution, wall-clock time")
            .serviceLevelObjectives(CASE_TIMES)
            .register(registry);
    this.timeToFirstResponse =
        Timer.builder("followup.case.time_to_first_response")
            .description("From a case's opening to the team's first answer, wall-clock time")
            .serviceLevelObjectives(CASE_TIMES)
            .register(registry);
    this.timeToNextResponse =
        Timer.builder("followup.case.time_to_next_response")
            .description("From a customer's reply in a case's thread to the team's next answer")
            .serviceLevelObjectives(CASE_TIMES)
            .register(registry);
    for (ReminderKind kind : ReminderKind.values()) {
      remindersScheduled(kind);
      remindersDelivered(kind);
      remindersFailed(kind);
    }
    for (String outcome : new String[] {"delivered", "retried", "failed"}) {
      webhookDeliveries(outcome);
    }
  }

  /** Metrics that go nowhere, for wiring without a registry. */
  public static CoreMetrics discarding() {
    return new CoreMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** {@code followup_cases{status}}: how many cases are in each state right now. */
  public void casesByStatus(ToIntFunction<CaseStatus> count) {
    for (CaseStatus status : CaseStatus.values()) {
      Gauge.builder("followup.cases", () -> count.applyAsInt(status))
          .description("Cases by status, in every workspace")
          .tag("status", tag(status.name()))
          .register(registry);
    }
  }

  public void reminderScheduled(ReminderKind kind) {
    remindersScheduled(kind).increment();
  }

  public void reminderDelivered(ReminderKind kind, Duration late) {
    remindersDelivered(kind).increment();
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }

  public void reminderFailed(ReminderKind kind) {
    remindersFailed(kind).increment();
  }

  /** A nudge went out; escalations (to leads, later steps) are counted separately too. */
  public void nudgeSent(NudgeKind kind, boolean escalation) {
    Counter.builder("followup.nudges.sent")
        .description("Nudges sent, by kind")
        .tag("kind", tag(kind.name()))
        .register(registry)
        .increment();
    if (escalation) {
      Counter.builder("followup.escalations.sent")
          .description(
              "Escalations sent: later steps of the unclaimed chain, stale cases to leads,"
                  + " SLA breaches")
          .tag("kind", tag(kind.name()))
          .register(registry)
          .increment();
    }
  }

  public void claimed(Duration waited) {
    timeToClaim.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  public void firstResponse(Duration waited) {
    timeToFirstResponse.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  public void nextResponse(Duration waited) {
    timeToNextResponse.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  public void resolved(Duration open) {
    timeToResolve.record(open.isNegative() ? Duration.ZERO : open);
  }

  /** One call to a chat platform's API and how it went ({@link #OK}, {@link #RATE_LIMITED}, …). */
  public void platformCall(Platform platform, String operation, String outcome) {
    Counter.builder("followup.platform.calls")
        .description("Calls to chat platform APIs, by outcome")
        .tag("platform", platform.key())
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A failed send was scheduled to be tried again; {@code target} is a platform or webhook. */
  public void retry(String target) {
    Counter.builder("followup.delivery.retries")
        .description("Sends scheduled for another attempt after a failure")
        .tag("target", target)
        .register(registry)
        .increment();
  }

  /**
   * A send whose outcome was unknown (its sender died mid-call) on a platform that cannot say
   * whether it arrived, re-sent once and so possibly delivered twice.
   */
  public void possiblyDuplicated(Platform platform) {
    Counter.builder("followup.deliveries.possibly_duplicated")
        .description(
            "Interrupted sends re-sent without a way to check; each may have arrived twice")
        .tag("platform", platform.key())
        .register(registry)
        .increment();
  }

  /** A webhook attempt: {@code delivered}, {@code retried} or {@code failed} (given up). */
  public void webhook(String outcome) {
    webhookDeliveries(outcome).increment();
  }

  private Counter remindersScheduled(ReminderKind kind) {
    return Counter.builder("followup.reminders.scheduled")
        .description("Reminders set, by kind")
        .tag("kind", tag(kind.name()))
        .register(registry);
  }

  private Counter remindersDelivered(ReminderKind kind) {
    return Counter.builder("followup.reminders.delivered")
        .description("Reminders the platform accepted, by kind")
        .tag("kind", tag(kind.name()))
        .register(registry);
  }

  private Counter remindersFailed(ReminderKind kind) {
    return Counter.builder("followup.reminders.failed")
        .description("Reminders that could not be delivered, by kind")
        .tag("kind", tag(kind.name()))
        .register(registry);
  }

  private Counter webhookDeliveries(String outcome) {
    return Counter.builder("followup.webhook.deliveries")
        .description("Webhook delivery attempts, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static String tag(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Duration[] durations(String... iso) {
    Duration[] out = new Duration[iso.length];
    for (int i = 0; i < iso.length; i++) {
      out[i] = Duration.parse(iso[i]);
    }
    return out;
  }
}
