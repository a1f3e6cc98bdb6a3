package dev.followupbot.core.api;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.Recurrence;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.Reply;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reminders for the REST API and the dashboard: finding a tenant's reminders and setting, snoozing,
 * finishing or cancelling them through the same rules as a chat command.
 */
public final class Reminders {

  private final ReminderRepository reminders;
  private final ReminderService service;

  public Reminders(ReminderRepository reminders, ReminderService service) {
    this.reminders = reminders;
    this.service = service;
  }

  public Optional<Reminder> findByNumber(TenantId tenant, int number) {
    return reminders.findByNumber(tenant, number);
  }

  /** A person's pending and snoozed reminders, soonest first. */
  public List<Reminder> active(TenantId tenant, String recipientId, int limit) {
    return reminders.active(tenant, recipientId, limit);
  }

  /** The series a reminder is an occurrence of, if it repeats. */
  public Optional<ReminderRepository.Series> seriesOf(long reminderId) {
    return reminders.seriesOf(reminderId);
  }

  /** Sets a reminder; the caller has checked the case and that {@code due} is ahead. */
  public Reminder set(
      TenantId tenant,
      String creatorId,
      String recipientId,
      Optional<SupportCase> about,
      Instant due,
      Optional<String> note) {
    return service.set(tenant, creatorId, recipientId, about, due, note);
  }

  /** Sets a repeating reminder; empty if its rule has no day in the next three years. */
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
    return service.setSeries(
        tenant, creatorId, recipientId, about, rule, skipHolidays, note, zone, channel);
  }

  public Reply remind(Caller caller, Command.Remind command) {
    return service.remind(caller, command);
  }

  public Reply snooze(Caller caller, Command.Snooze command) {
    return service.snooze(caller, command);
  }

  public Reply done(Caller caller, int number) {
    return service.done(caller, number);
  }

  public Reply cancel(Caller caller, int number) {
    return service.cancel(caller, number);
  }

  /** An admin's cancel through the API; empty if there is no such reminder. */
  public Optional<Reminder> cancelAsAdmin(TenantId tenant, int number, String by) {
    return service.cancelAsAdmin(tenant, number, by);
  }
}
