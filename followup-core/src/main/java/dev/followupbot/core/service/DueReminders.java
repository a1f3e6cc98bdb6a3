package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.port.WakeUp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due reminders into exactly one queued message per occurrence, in batches: the woken
 * reminder and others due with it go into one transaction, and the outbox is then sent. It re-reads
 * each reminder, so a late, early, repeated or stale wake-up does no harm.
 */
final class DueReminders {

  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  /** Most reminders one wake-up queues and sends together. */
  private static final int BATCH = 100;

  /** Wake-ups this early (clock skew between nodes) are treated as on time. */
  private static final Duration EARLY_TOLERANCE = Duration.ofMillis(500);

  private final Transactions tx;
  private final ReminderRepository reminders;
  private final CaseRepository cases;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final Directory directory;
  private final Messengers messengers;
  private final DeliveryService delivery;
  private final ReminderSeries repeating;
  private final ReminderAlarms alarms;
  private final WebhookEvents webhooks;
  private final ChannelTeams channels;
  private final Clock clock;
  private final Instant runningSince;

  /** Whether a wake-up is already looking for a batch of due reminders in this process. */
  private final AtomicBoolean batching = new AtomicBoolean();

  DueReminders(
      Transactions tx,
      ReminderRepository reminders,
      CaseRepository cases,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      Messengers messengers,
      DeliveryService delivery,
      ReminderSeries repeating,
      ReminderAlarms alarms,
      WebhookEvents webhooks,
      ChannelTeams channels,
      Clock clock) {
    this.channels = channels;
    this.tx = tx;
    this.reminders = reminders;
    this.cases = cases;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.directory = directory;
    this.messengers = messengers;
    this.delivery = delivery;
    this.repeating = repeating;
    this.alarms = alarms;
    this.webhooks = webhooks;
    this.clock = clock;
    this.runningSince = clock.instant();
  }

  /**
   * Called by the scheduler when a reminder may be due. Queues the reminder's message for this
   * occurrence (at most once, whatever happens) and has the outbox sent; other reminders due by now
   * that nobody has queued yet go in the same batch, so a crowd of reminders due together costs a
   * transaction per batch instead of a few per reminder, and their own wake-ups find nothing left
   * to do. The woken thread does not wait for the sends, so the scheduler's threads stay free to
   * wake the rest of the crowd. A wake-up that came early schedules the reminder again.
   */
  void reminderDue(long reminderId) {
    try (LogContext context = LogContext.with("reminder_id", reminderId)) {
      Instant now = clock.instant();
      Optional<Reminder> woken = reminders.findById(reminderId);
      if (woken.isEmpty() || woken.get().status() != ReminderStatus.PENDING) {
        return;
      }
      Reminder r = woken.get();
      if (r.dueAt().isAfter(now.plus(EARLY_TOLERANCE))) {
        alarms.set(r);
        return;
      }
      if (outbox.exists(DedupeKey.reminder(r.id(), r.occurrence()))) {
        return; // queued already, by another wake-up's batch or an earlier one of its own
      }
      if (batching.compareAndSet(false, true)) {
        try {
          queueDue(Optional.of(reminderId), now, now, BATCH);
        } finally {
          batching.set(false);
        }
      } else {
        // Another wake-up is gathering a batch; this one queues its own reminder only.
        List<Reminder> created = new ArrayList<>();
        List<Reminder> queued = new ArrayList<>();
        tx.run(
            () -> {
              created.clear();
              queued.clear();
              queueOwn(reminderId, now, created, queued);
            });
        webhooks.announce(queued);
        created.forEach(alarms::set);
      }
      delivery.deliverDueSoon();
    }
  }

  /**
   * Catches reminders whose wake-up never came (lost job, crash before scheduling). Returns how
   * many it queued.
   */
  int deliverOverdue(Instant dueBefore, int limit) {
    List<Long> queued = queueDue(Optional.empty(), dueBefore, clock.instant(), limit);
    delivery.deliverAll(queued);
    return queued.size();
  }

  /**
   * Queues, in one transaction, the woken reminder if it is due (or nearly: {@link
   * #EARLY_TOLERANCE}) and up to a batch of others due by {@code dueBefore} that are not queued
   * yet; rows another node or thread is queueing are skipped. Returns the outbox entries.
   */
  private List<Long> queueDue(Optional<Long> woken, Instant dueBefore, Instant now, int limit) {
    Map<WakeUp, Instant> noLongerNeeded = new HashMap<>();
    List<Reminder> created = new ArrayList<>();
    List<Reminder> taken = new ArrayList<>();
    List<Long> entries =
        tx.inTransaction(
            () -> {
              noLongerNeeded.clear();
              created.clear();
              taken.clear();
              List<Long> queued = new ArrayList<>();
              woken.flatMap(id -> queueOwn(id, now, created, taken)).ifPresent(queued::add);
              int others = limit - queued.size();
              for (Reminder r : reminders.takeDue(dueBefore, messengers.platforms(), others)) {
                OutboxEntry entry;
                try {
                  entry = entryFor(r, now);
                } catch (RuntimeException e) {
                  // One reminder that cannot be rendered must not hold up the rest of the crowd:
                  // it keeps its own wake-up, which tries again, and fails, alone.
                  log.warn(
                      "reminder id={} could not be prepared for sending; left for its own wake-up:"
                          + " {}",
                      r.id(),
                      e.toString());
                  continue;
                }
                queued.add(outbox.enqueue(entry));
                webhooks.reminderChanged(r, EventTypes.REMINDER_DELIVERED, now);
                taken.add(r);
                repeating.nextOccurrence(r, now).ifPresent(created::add);
                noLongerNeeded.put(new WakeUp.ReminderDue(r.id()), r.dueAt());
              }
              return queued;
            });
    // Their wake-ups would find them queued; dropping them spares the scheduler the work.
    scheduler.forget(noLongerNeeded);
    webhooks.announce(taken);
    created.forEach(alarms::set);
    return entries;
  }

  /**
   * Queues the woken reminder if it is due, not queued yet and nobody else is queueing it, adding
   * it to {@code queued}.
   */
  private Optional<Long> queueOwn(
      long reminderId, Instant now, List<Reminder> created, List<Reminder> queued) {
    return reminders
        .takeIfDue(reminderId, now.plus(EARLY_TOLERANCE))
        .map(
            due -> {
              long entry = outbox.enqueue(entryFor(due, now));
              webhooks.reminderChanged(due, EventTypes.REMINDER_DELIVERED, now);
              queued.add(due);
              repeating.nextOccurrence(due, now).ifPresent(created::add);
              return entry;
            });
  }

  private OutboxEntry entryFor(Reminder r, Instant now) {
    Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(r.tenant(), id));
    boolean inChannel = r.channel().isPresent();
    ZoneId zone =
        inChannel
            ? channels.zone(r.tenant(), r.channel().get().id())
            : directory.person(r.tenant(), r.recipientId()).zone();
    Function<String, String> names =
        id -> id.equals(r.recipientId()) && !inChannel ? "you" : directory.name(r.tenant(), id);
    List<dev.followupbot.core.domain.CaseEvent> history =
        r.kind() == ReminderKind.CHECK_IN && about.isPresent()
            ? cases.history(r.tenant(), about.get().id())
            : List.of();
    Message message = ReminderViews.due(r, about, names, zone, now, runningSince, history);
    Optional<ReminderRepository.Series> series = reminders.seriesOf(r.id());
    if (series.isPresent()) {
      message = ReminderViews.inSeries(message, r, series.get().rule().describe());
    }
    Destination to =
        r.channel()
            .<Destination>map(where -> new Destination.Channel(r.tenant(), where.id()))
            .orElseGet(() -> new Destination.Direct(new UserRef(r.tenant(), r.recipientId())));
    return OutboxEntry.reminder(to, message, r.id(), r.occurrence(), r.caseId(), now);
  }
}
