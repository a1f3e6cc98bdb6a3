package dev.followupbot.core.service;

import dev.followupbot.core.port.SeenEvents;
import dev.followupbot.core.port.WakeUpHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the core does when the scheduler wakes it: deliver a due reminder, or sweep. The sweep is
 * the safety net under every promise: queued messages go out, retries happen, sends interrupted by
 * a crash are recovered, and reminders whose wake-up was lost are delivered.
 */
public final class WakeUps implements WakeUpHandler {

  private static final Logger log = LoggerFactory.getLogger(WakeUps.class);
  private static final int BATCH = 200;

  /**
   * A reminder this late was missed by its own wake-up (or the bot was down): the sweep takes it.
   */
  private static final Duration OVERDUE = Duration.ofSeconds(20);

  /** Slack retries an event for up to a few minutes (or hours, opted in); a day covers both. */
  static final Duration REMEMBER_EVENTS = Duration.ofHours(25);

  private static final Duration FORGET_EVERY = Duration.ofMinutes(10);

  private final ReminderService reminders;
  private final DeliveryService delivery;
  private final SeenEvents seenEvents;
  private final DeliveryPolicy policy;
  private final String node;
  private final Instant startedAt;
  private final Clock clock;
  private volatile boolean firstSweep = true;
  private volatile Instant lastForget = Instant.MIN;

  public WakeUps(
      ReminderService reminders,
      DeliveryService delivery,
      SeenEvents seenEvents,
      DeliveryPolicy policy,
      String node,
      Clock clock) {
    this.reminders = reminders;
    this.delivery = delivery;
    this.seenEvents = seenEvents;
    this.policy = policy;
    this.node = node;
    this.startedAt = clock.instant();
    this.clock = clock;
  }

  @Override
  public void reminderDue(long reminderId) {
    reminders.reminderDue(reminderId);
  }

  @Override
  public void sweep() {
    Instant now = clock.instant();
    boolean first = firstSweep;
    firstSweep = false;
    int recovered = 0;
    if (first) {
      // Whatever this node was sending when it last stopped is certainly not being sent now.
      recovered += delivery.recoverUnfinished(startedAt, Optional.of(node), BATCH);
    }
    recovered +=
        delivery.recoverUnfinished(now.minus(policy.presumedDeadAfter()), Optional.empty(), BATCH);
    int sent = delivery.deliverDue(BATCH);
    // After a start-up everything overdue is ours at once; later, only what its wake-up missed.
    int overdue = reminders.deliverOverdue(first ? now : now.minus(OVERDUE), BATCH);
    if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) >= 0) {
      lastForget = now;
      seenEvents.forgetBefore(now.minus(REMEMBER_EVENTS));
    }
    if (recovered + overdue > 0 || sent > 0) {
      log.debug(
          "sweep: {} queued message(s) attempted, {} overdue reminder(s), {} interrupted send(s) recovered",
          sent,
          overdue,
          recovered);
    }
  }
}
