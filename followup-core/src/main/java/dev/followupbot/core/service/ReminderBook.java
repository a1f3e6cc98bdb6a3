package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored reminders: setting one, and snoozing, completing and cancelling them by number, each
 * keeping its wake-up in step. Decides who may change what and answers with a {@link
 * ReminderChange}, never a sentence.
 */
final class ReminderBook {

  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  /** A change a person makes to a reminder by number. */
  enum Verb {
    SNOOZE("snooze it", true),
    DONE("mark it done", true),
    CANCEL("cancel it", false);

    /** How the log has always named the change. */
    private final String logName;

    /**
     * Whether only the recipient may make it, or also whoever set the reminder. On a channel
     * reminder, anyone may make a change that is for the recipient only: the channel receives it.
     */
    final boolean recipientOnly;

    Verb(String logName, boolean recipientOnly) {
      this.logName = logName;
      this.recipientOnly = recipientOnly;
    }
  }

  private final Transactions tx;
  private final TenantRepository tenants;
  private final ReminderRepository reminders;
  private final Directory directory;
  private final ReminderSeries series;
  private final ReminderAlarms alarms;
  private final WebhookEvents webhooks;
  private final CoreMetrics metrics;
  private final Clock clock;
  private final ChannelTeams channels;

  ReminderBook(
      Transactions tx,
      TenantRepository tenants,
      ReminderRepository reminders,
      Directory directory,
      ReminderSeries series,
      ReminderAlarms alarms,
      WebhookEvents webhooks,
      CoreMetrics metrics,
      Clock clock,
      ChannelTeams channels) {
    this.channels = channels;
    this.tx = tx;
    this.tenants = tenants;
    this.reminders = reminders;
    this.directory = directory;
    this.series = series;
    this.alarms = alarms;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Sets a follow-up reminder for {@code recipientId}, optionally about a case, and schedules it.
   * The caller has checked that the case is the tenant's and that {@code due} is ahead.
   */
  Reminder set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Instant due,
      Optional<String> note) {
    return set(tenant, creatorId, recipientId, about, due, note, Optional.empty());
  }

  /** Sets a reminder as {@link #set} does, linking to the message it is about. */
  Reminder set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Instant due,
      Optional<String> note,
      Optional<String> link) {
    return set(tenant, creatorId, recipientId, about, due, note, link, Optional.empty());
  }

  /**
   * Sets a reminder as {@link #set} does; with {@code postIn}, it is posted in that channel instead
   * of to {@code recipientId}, who set it.
   */
  Reminder set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Instant due,
      Optional<String> note,
      Optional<String> link,
      Optional<ReminderChannel> postIn) {
    Instant now = clock.instant();
    directory.ensureTenant(tenant);
    Optional<Long> caseId = about.map(SupportCase::id);
    Reminder stored =
        tx.inTransaction(
            () -> {
              Reminder numbered =
                  Reminder.create(
                      tenant,
                      tenants.nextReminderNumber(tenant),
                      recipientId,
                      creatorId,
                      caseId,
                      ReminderKind.FOLLOW_UP,
                      note,
                      due,
                      now,
                      link);
              Reminder inserted =
                  reminders.insert(postIn.map(numbered::inChannel).orElse(numbered));
              webhooks.reminderChanged(inserted, EventTypes.REMINDER_SET, now);
              return inserted;
            });
    webhooks.announce(stored);
    alarms.set(stored);
    metrics.reminderScheduled(stored.kind());
    log.info(
        "reminder set tenant={} reminder={} id={} for={} due={}",
        tenant,
        stored.number(),
        stored.id(),
        recipientId,
        stored.dueAt());
    return stored;
  }

  /** Snoozes reminder {@code number}, {@code by}'s own, until {@code until}. */
  ReminderChange snooze(TenantId tenant, String by, int number, Instant until) {
    Instant now = clock.instant();
    return change(
        tenant,
        by,
        number,
        Verb.SNOOZE,
        r -> r.snoozedUntil(until),
        after -> webhooks.reminderChanged(after, EventTypes.REMINDER_SNOOZED, now),
        after -> {
          alarms.set(after);
          return Optional.empty();
        });
  }

  /** Marks reminder {@code number}, {@code by}'s own, done at {@code now}. */
  ReminderChange done(TenantId tenant, String by, int number, Instant now) {
    return change(
        tenant,
        by,
        number,
        Verb.DONE,
        r -> r.completed(ReminderStatus.DONE, now),
        after -> webhooks.reminderChanged(after, EventTypes.REMINDER_DONE, now),
        after -> {
          alarms.clear(after.id());
          return Optional.empty();
        });
  }

  /**
   * Cancels reminder {@code number}, which {@code by} receives or set, and ends its series. A
   * finished occurrence of a going series is not cancelled again: cancel ends the series.
   */
  ReminderChange cancel(TenantId tenant, String by, int number, Instant now) {
    Optional<Reminder> finished =
        reminders
            .findByNumber(tenant, number)
            .filter(r -> !r.status().isActive())
            .filter(r -> mayAct(r, by, Verb.CANCEL));
    if (finished.isPresent()) {
      Optional<String> ended = series.end(finished.get(), now);
      if (ended.isPresent()) {
        return new ReminderChange.SeriesEnded(ended.get());
      }
    }
    return change(
        tenant,
        by,
        number,
        Verb.CANCEL,
        r -> r.completed(ReminderStatus.CANCELLED, now),
        after -> webhooks.reminderCancelled(after, endsSeries(after), now),
        after -> {
          alarms.clear(after.id());
          return series.end(after, now);
        });
  }

  /**
   * Cancels one of the tenant's reminders on an admin's behalf (the REST API): no check of who set
   * it. Returns the reminder as it is afterwards; an already finished one is returned unchanged.
   */
  Optional<Reminder> cancelAsAdmin(TenantId tenant, int number, String by) {
    for (int round = 0; round < 3; round++) {
      Optional<Reminder> found = reminders.findByNumber(tenant, number);
      if (found.isEmpty() || !found.get().status().isActive()) {
        return found;
      }
      Reminder r = found.get();
      Instant now = clock.instant();
      Reminder after = r.completed(ReminderStatus.CANCELLED, now);
      if (tx.inTransaction(
          () -> updated(r, after, a -> webhooks.reminderCancelled(a, endsSeries(a), now)))) {
        webhooks.announce(after);
        alarms.clear(after.id());
        series.end(after, now);
        log.info("reminder cancelled tenant={} reminder={} by={} via=API", tenant, number, by);
        return Optional.of(after);
      }
    }
    return reminders.findByNumber(tenant, number);
  }

  /**
   * The recipient may make any change, and whoever set it all but snooze and done. A channel
   * reminder's occurrence is anyone's to snooze or mark done; cancelling it is for whoever set it
   * and the admins of the channel's team.
   */
  private boolean mayAct(Reminder r, String by, Verb verb) {
    if (r.recipientId().equals(by) || (!verb.recipientOnly && r.creatorId().equals(by))) {
      return true;
    }
    if (r.channel().isEmpty()) {
      return false;
    }
    return verb.recipientOnly
        || channels.isAdmin(new UserRef(r.tenant(), by), r.channel().get().id());
  }

  /** Whether cancelling {@code r} ends a going series: {@link ReminderSeries#end} then ends it. */
  private boolean endsSeries(Reminder r) {
    return reminders.seriesOf(r.id()).filter(ReminderRepository.Series::active).isPresent();
  }

  /**
   * Stores {@code after} if {@code before} is still as read, reporting it in the same transaction.
   */
  private boolean updated(Reminder before, Reminder after, Consumer<Reminder> report) {
    if (!reminders.update(after, before.status(), before.occurrence())) {
      return false;
    }
    report.accept(after);
    return true;
  }

  /**
   * Applies {@code change} to reminder {@code number} if {@code by} may make it, retrying when the
   * row changed meanwhile, and has {@code report} report it in the same transaction; then runs
   * {@code then}, which returns how an ended series repeated.
   */
  private ReminderChange change(
      TenantId tenant,
      String by,
      int number,
      Verb verb,
      UnaryOperator<Reminder> change,
      Consumer<Reminder> report,
      Function<Reminder, Optional<String>> then) {
    for (int round = 0; round < 3; round++) {
      Optional<Reminder> found = reminders.findByNumber(tenant, number);
      if (found.isEmpty()) {
        return new ReminderChange.Missing();
      }
      Reminder r = found.get();
      if (!mayAct(r, by, verb)) {
        return new ReminderChange.NotYours(r);
      }
      if (!r.status().isActive()) {
        return new ReminderChange.Finished(r);
      }
      Reminder after = change.apply(r);
      if (tx.inTransaction(() -> updated(r, after, report))) {
        webhooks.announce(after);
        log.info("reminder {} tenant={} reminder={} by={}", verb.logName, tenant, number, by);
        return new ReminderChange.Changed(after, then.apply(after));
      }
    }
    return new ReminderChange.Raced();
  }
}
