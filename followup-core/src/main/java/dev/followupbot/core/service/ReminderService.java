package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.Recurrence;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseThreads;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Follow-up reminders: setting, listing, snoozing and completing them, and turning a due reminder
 * into exactly one message. The scheduler only wakes this service; it re-reads the reminder every
 * time, so a late, early, repeated or stale wake-up does no harm.
 *
 * <p>A front: {@link ReminderBook} and {@link ReminderSeries} decide and store, {@link
 * ReminderChat} and {@link ReminderReplies} answer in chat, {@link DueReminders} sends what is due.
 */
public final class ReminderService {

  private final ReminderBook book;
  private final ReminderSeries series;
  private final ReminderChat chat;
  private final DueReminders due;

  public ReminderService(
      Transactions tx,
      TenantRepository tenants,
      ReminderRepository reminders,
      CaseRepository cases,
      CaseThreads threads,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      Messengers messengers,
      DeliveryService delivery,
      WebhookEvents webhooks,
      CoreMetrics metrics,
      Clock clock,
      ChannelTeams channels) {
    ReminderAlarms alarms = new ReminderAlarms(scheduler);
    this.series =
        new ReminderSeries(
            tx,
            tenants,
            reminders,
            directory,
            alarms,
            webhooks,
            metrics,
            clock,
            channels::holidays);
    this.book =
        new ReminderBook(
            tx, tenants, reminders, directory, series, alarms, webhooks, metrics, clock, channels);
    this.chat =
        new ReminderChat(
            reminders,
            cases,
            threads,
            directory,
            messengers,
            book,
            series,
            new ReminderReplies(directory),
            channels,
            clock);
    this.due =
        new DueReminders(
            tx,
            reminders,
            cases,
            outbox,
            scheduler,
            directory,
            messengers,
            delivery,
            series,
            alarms,
            webhooks,
            channels,
            clock);
  }

  public Reply remind(Caller caller, Command.Remind command) {
    return chat.remind(caller, command);
  }

  /**
   * Sets a reminder for the caller about a message they picked (Slack's "Remind me about this"),
   * linking to it and about its case if it is one's root or card; answers with the confirmation, or
   * what is wrong with the request, which then sets nothing.
   */
  public Reply remindAbout(Caller caller, MessageReminder request) {
    return chat.remindAbout(caller, request);
  }

  /**
   * Sets a repeating reminder: a series in the recipient's zone, and its first occurrence, an
   * ordinary reminder. Each occurrence that is queued creates the next one in the same transaction.
   */
  public Reply remindEvery(Caller caller, Command.RemindEvery command) {
    return chat.remindEvery(caller, command);
  }

  /**
   * Sets a series for {@code recipientId}: its rule read in {@code zone}, skipping the holidays of
   * the team of {@code channel} if asked, and its first occurrence, scheduled. Empty if the rule
   * has no day in the next three years. The caller has checked the case and the recipient.
   */
  public Optional<Reminder> setSeries(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Recurrence rule,
      boolean skipHolidays,
      Optional<String> note,
      ZoneId zone,
      Optional<String> channel) {
    return series.set(
        tenant,
        creatorId,
        recipientId,
        about,
        rule,
        skipHolidays,
        note,
        zone,
        channel,
        Optional.empty());
  }

  /**
   * A reminder whose time has two readings: nothing is set; each reading is a button whose command
   * sets the reminder at that reading only. The click's reply replaces the question.
   */
  public Reply choose(Command.ChooseWhen command) {
    return chat.choose(command);
  }

  /**
   * Sets a follow-up reminder for {@code recipientId}, optionally about a case, and schedules it.
   * The caller has checked that the case is the tenant's and that {@code due} is ahead.
   */
  public Reminder set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Instant due,
      Optional<String> note) {
    return book.set(tenant, creatorId, recipientId, about, due, note);
  }

  /**
   * Cancels one of the tenant's reminders on an admin's behalf (the REST API): no check of who set
   * it. Returns the reminder as it is afterwards; an already finished one is returned unchanged.
   */
  public Optional<Reminder> cancelAsAdmin(TenantId tenant, int number, String by) {
    return book.cancelAsAdmin(tenant, number, by);
  }

  public Reply list(Caller caller) {
    return chat.list(caller);
  }

  public Reply snooze(Caller caller, Command.Snooze command) {
    return chat.snooze(caller, command);
  }

  public Reply done(Caller caller, int number) {
    return chat.done(caller, number);
  }

  public Reply cancel(Caller caller, int number) {
    return chat.cancel(caller, number);
  }

  /**
   * Called by the scheduler when a reminder may be due. Queues the reminder's message for this
   * occurrence (at most once) with others due by now, and has the outbox sent.
   */
  public void reminderDue(long reminderId) {
    due.reminderDue(reminderId);
  }

  /**
   * Catches reminders whose wake-up never came (lost job, crash before scheduling). Returns how
   * many it queued.
   */
  public int deliverOverdue(Instant dueBefore, int limit) {
    return due.deliverOverdue(dueBefore, limit);
  }
}
