package dev.followupbot.core.service;

import dev.followupbot.core.domain.Recurrence;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeating reminders: setting a series with its first occurrence, creating each next occurrence
 * when one is queued, and ending a series. Returns reminders and rules, never sentences.
 */
final class ReminderSeries {

  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  private final Transactions tx;
  private final TenantRepository tenants;
  private final ReminderRepository reminders;
  private final Directory directory;
  private final ReminderAlarms alarms;
  private final WebhookEvents webhooks;
  private final CoreMetrics metrics;
  private final Clock clock;

  /** The holidays of the team of a channel, which a series that skips holidays skips. */
  private final BiFunction<TenantId, String, Set<LocalDate>> holidays;

  ReminderSeries(
      Transactions tx,
      TenantRepository tenants,
      ReminderRepository reminders,
      Directory directory,
      ReminderAlarms alarms,
      WebhookEvents webhooks,
      CoreMetrics metrics,
      Clock clock,
      BiFunction<TenantId, String, Set<LocalDate>> holidays) {
    this.tx = tx;
    this.tenants = tenants;
    this.reminders = reminders;
    this.directory = directory;
    this.alarms = alarms;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.clock = clock;
    this.holidays = holidays;
  }

  /**
   * Sets a series for {@code recipientId}, or posted in {@code postIn}: its rule read in {@code
   * zone}, skipping the holidays of the team of {@code channel} if asked, and its first occurrence,
   * scheduled. Empty if the rule has no day in the next three years. The caller has checked the
   * case and the recipient.
   */
  Optional<Reminder> set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Recurrence rule,
      boolean skipHolidays,
      Optional<String> note,
      ZoneId zone,
      Optional<String> channel,
      Optional<ReminderChannel> postIn) {
    Instant now = clock.instant();
    Optional<Instant> first = rule.next(now, zone, skipping(tenant, skipHolidays, channel));
    if (first.isEmpty()) {
      return Optional.empty();
    }
    directory.ensureTenant(tenant);
    Optional<Long> caseId = about.map(SupportCase::id);
    Reminder stored =
        tx.inTransaction(
            () -> {
              Reminder created =
                  Reminder.create(
                      tenant,
                      tenants.nextReminderNumber(tenant),
                      recipientId,
                      creatorId,
                      caseId,
                      ReminderKind.FOLLOW_UP,
                      note,
                      first.get(),
                      now);
              Reminder r = reminders.insert(postIn.map(created::inChannel).orElse(created));
              long series = reminders.insertSeries(tenant, rule, zone, skipHolidays, channel, now);
              reminders.linkToSeries(r.id(), series);
              webhooks.reminderChanged(r, EventTypes.REMINDER_SET, now);
              return r;
            });
    webhooks.announce(stored);
    alarms.set(stored);
    metrics.reminderScheduled(stored.kind());
    log.info(
        "reminder series set tenant={} reminder={} id={} for={} rule={} first={}",
        tenant,
        stored.number(),
        stored.id(),
        recipientId,
        rule.text(),
        stored.dueAt());
    return Optional.of(stored);
  }

  private Predicate<LocalDate> skipping(
      TenantId tenant, boolean skipHolidays, Optional<String> channel) {
    if (!skipHolidays) {
      return d -> false;
    }
    Set<LocalDate> days = holidays.apply(tenant, channel.orElse(""));
    return days::contains;
  }

  /**
   * If {@code taken}, just queued, is the current occurrence of a going series, creates the next
   * occurrence: the first one after now, so that occurrences missed while the bot was down are not
   * sent one by one. Runs in the transaction that queued {@code taken}, which holds its row: the
   * next occurrence is created once, whichever node queues it.
   */
  Optional<Reminder> nextOccurrence(Reminder taken, Instant now) {
    Optional<ReminderRepository.Series> found = reminders.seriesOf(taken.id());
    if (found.isEmpty() || !found.get().active() || found.get().latestReminderId() != taken.id()) {
      return Optional.empty();
    }
    ReminderRepository.Series series = found.get();
    if (!reminders.lockIfActive(series.id())) {
      return Optional.empty();
    }
    Instant after = taken.dueAt().isAfter(now) ? taken.dueAt() : now;
    Optional<Instant> next =
        series
            .rule()
            .next(
                after,
                series.zone(),
                skipping(taken.tenant(), series.skipHolidays(), series.channelId()));
    if (next.isEmpty()) {
      return Optional.empty();
    }
    Reminder created =
        Reminder.create(
            taken.tenant(),
            tenants.nextReminderNumber(taken.tenant()),
            taken.recipientId(),
            taken.creatorId(),
            taken.caseId(),
            taken.kind(),
            taken.note(),
            next.get(),
            now,
            taken.link());
    Reminder r = reminders.insert(taken.channel().map(created::inChannel).orElse(created));
    reminders.linkToSeries(r.id(), series.id());
    return Optional.of(r);
  }

  /**
   * Ends the going series {@code r} belongs to, if any, and cancels its pending occurrence. Returns
   * how the series repeated. Reports the cancelled occurrence; if there is none, and {@code r} was
   * not just cancelled (its caller reports that), reports {@code r} as the end of the series.
   */
  Optional<String> end(Reminder r, Instant now) {
    Optional<ReminderRepository.Series> series = reminders.seriesOf(r.id());
    if (series.isEmpty() || !series.get().active()) {
      return Optional.empty();
    }
    tx.run(() -> reminders.stopSeries(series.get().id(), now));
    // Read after the stop: an occurrence created meanwhile is the one to cancel.
    long latest =
        reminders.seriesOf(r.id()).map(ReminderRepository.Series::latestReminderId).orElse(r.id());
    Optional<Reminder> cancelled = Optional.empty();
    if (latest != r.id()) {
      cancelled =
          reminders
              .findById(latest)
              .filter(current -> current.status().isActive())
              .flatMap(current -> cancelOccurrence(current, now));
    }
    if (cancelled.isPresent()) {
      alarms.clear(cancelled.get().id());
      webhooks.announce(cancelled.get());
    } else if (r.status() != ReminderStatus.CANCELLED) {
      tx.run(() -> webhooks.reminderCancelled(r, true, now));
      webhooks.announce(r);
    }
    log.info("reminder series ended tenant={} series={}", r.tenant(), series.get().id());
    return Optional.of(series.get().rule().describe());
  }

  private Optional<Reminder> cancelOccurrence(Reminder current, Instant now) {
    Reminder after = current.completed(ReminderStatus.CANCELLED, now);
    boolean stored =
        tx.inTransaction(
            () -> {
              if (!reminders.update(after, current.status(), current.occurrence())) {
                return false;
              }
              webhooks.reminderCancelled(after, true, now);
              return true;
            });
    return stored ? Optional.of(after) : Optional.empty();
  }

  /** How {@code r}'s series repeats, if {@code r} is the current occurrence of a going series. */
  Optional<String> repeats(Reminder r) {
    return reminders
        .seriesOf(r.id())
        .filter(ReminderRepository.Series::active)
        .filter(series -> series.latestReminderId() == r.id())
        .map(series -> series.rule().describe());
  }
}
