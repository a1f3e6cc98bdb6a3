package dev.followupbot.core.service;

import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.SeenEvents;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the core does when the scheduler wakes it: deliver a due reminder, check a case's timers,
 * send held nudges, post a team digest, or sweep. The sweep is the safety net under every promise:
 * queued messages go out, retries happen, sends interrupted by a crash are recovered, reminders and
 * nudges whose wake-up was lost are delivered, and personal morning digests go out.
 */
public final class WakeUps implements WakeUpHandler {

  private static final Logger log = LoggerFactory.getLogger(WakeUps.class);
  private static final int BATCH = 200;

  /** Slack retries an event for up to a few minutes (or hours, opted in); a day covers both. */
  static final Duration REMEMBER_EVENTS = Duration.ofHours(25);

  private static final Duration FORGET_EVERY = Duration.ofMinutes(10);
  private static final Duration DIGESTS_EVERY = Duration.ofMinutes(1);
  private static final Duration SETTINGS_EVERY = Duration.ofSeconds(30);

  /**
   * A reminder this late was missed by its own wake-up (or the bot was down): the sweep takes it.
   */
  private static final Duration OVERDUE = Duration.ofSeconds(20);

  private final ReminderService reminders;
  private final DeliveryService delivery;
  private final SeenEvents seenEvents;
  private final CaseWatch watch;
  private final NudgeService nudges;
  private final DigestService digests;
  private final CaseRepository cases;
  private final AdminService admin;
  private final OpenCaseRechecks rechecks;
  private final InterruptedSends interrupted;
  private final WebhookDelivery webhooks;
  private final Clock clock;
  private volatile boolean firstSweep = true;
  private volatile Instant lastForget = Instant.MIN;
  private volatile Instant lastDigests = Instant.MIN;
  private volatile Instant lastSettings = Instant.MIN;

  public WakeUps(
      ReminderService reminders,
      DeliveryService delivery,
      SeenEvents seenEvents,
      CaseWatch watch,
      NudgeService nudges,
      DigestService digests,
      CaseRepository cases,
      AdminService admin,
      OpenCaseRechecks rechecks,
      InterruptedSends interrupted,
      WebhookDelivery webhooks,
      Clock clock) {
    this.interrupted = interrupted;
    this.admin = admin;
    this.rechecks = rechecks;
    this.reminders = reminders;
    this.delivery = delivery;
    this.seenEvents = seenEvents;
    this.watch = watch;
    this.nudges = nudges;
    this.digests = digests;
    this.cases = cases;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  @Override
  public void wake(WakeUp wakeUp) {
    if (wakeUp instanceof WakeUp.ReminderDue due) {
      reminders.reminderDue(due.reminderId());
    } else if (wakeUp instanceof WakeUp.CaseTimers timers) {
      try (LogContext context =
          LogContext.with("tenant", timers.tenant().key()).and("case_id", timers.caseId())) {
        watch.woken(timers.tenant(), timers.caseId());
      }
    } else if (wakeUp instanceof WakeUp.NudgesDue held) {
      nudges.flushFor(held.nudgeId());
    } else if (wakeUp instanceof WakeUp.TeamDigest digest) {
      digests.teamDigest(digest.teamId());
    }
  }

  @Override
  public void sweep() {
    Instant now = clock.instant();
    boolean first = firstSweep;
    firstSweep = false;
    if (Duration.between(lastSettings, now).compareTo(SETTINGS_EVERY) >= 0) {
      lastSettings = now;
      admin.refreshOverrides();
    }
    // Sends cut off by a sender that is gone: an earlier process, a dead member, a hung call.
    int recovered = interrupted.settle();
    if (first) {
      // Timers may have changed while the bot was down (a new configuration, a lost wake-up).
      rechecks.request();
      digests.scheduleAll(Set.of());
    }
    if (rechecks.take()) {
      recheckOpenCases();
    }
    int sent = delivery.deliverDue(BATCH);
    int events = webhooks.deliverDue(BATCH);
    // After a start-up everything overdue is ours at once; later, only what its wake-up missed.
    int overdue = reminders.deliverOverdue(first ? now : now.minus(OVERDUE), BATCH);
    int held = nudges.flushDue(BATCH);
    if (Duration.between(lastDigests, now).compareTo(DIGESTS_EVERY) >= 0) {
      lastDigests = now;
      digests.personalDigests();
    }
    if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) >= 0) {
      lastForget = now;
      seenEvents.forgetBefore(now.minus(REMEMBER_EVENTS));
    }
    if (recovered + overdue + held + events > 0 || sent > 0) {
      log.debug(
          "sweep: {} queued message(s) attempted, {} webhook event(s), {} overdue reminder(s),"
              + " {} held nudge(s), {} interrupted send(s) recovered",
          sent,
          events,
          overdue,
          held,
          recovered);
    }
  }

  private void recheckOpenCases() {
    for (SupportCase c : cases.openEverywhere(10_000)) {
      try {
        watch.evaluate(c.tenant(), c.id());
      } catch (RuntimeException e) {
        log.warn(
            "could not check the timers of case {} in {}: {}",
            c.number(),
            c.tenant(),
            e.toString());
      }
    }
  }
}
