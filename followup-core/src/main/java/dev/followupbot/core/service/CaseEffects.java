package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.team.Durations;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a case change causes beyond the case itself, decided in the change's transaction: the
 * hand-off note to a new owner, wait and check-in reminders made obsolete, and the check-in after a
 * resolution or the reminder when a wait is over.
 */
final class CaseEffects {

  /** Entries queued, reminders to wake once committed, and reminders to unschedule. */
  record Effects(List<Long> deliveries, List<Reminder> wakeUps, List<Long> cancelled) {}

  private final TenantRepository tenants;
  private final ReminderRepository reminders;
  private final Outbox outbox;
  private final CaseCards cards;
  private final Directory directory;

  CaseEffects(
      TenantRepository tenants,
      ReminderRepository reminders,
      Outbox outbox,
      CaseCards cards,
      Directory directory) {
    this.tenants = tenants;
    this.reminders = reminders;
    this.outbox = outbox;
    this.cards = cards;
    this.directory = directory;
  }

  Effects of(Actor actor, SupportCase after, CaseEvent event, long eventId, Instant now) {
    TenantId tenant = actor.tenant();
    List<Long> deliveries = new ArrayList<>();
    List<Reminder> wakeUps = new ArrayList<>();
    List<Long> cancelled = new ArrayList<>();
    CaseAction action = event.action();
    if (action == CaseAction.ASSIGNED
        && after.ownerId().isPresent()
        && !after.isOwnedBy(actor.userId())) {
      deliveries.add(outbox.enqueue(handOffNote(actor, after, event, eventId, now)));
    }
    // Any change ends a previous wait: its "time to check" reminder no longer applies; a reopened
    // case needs no check-in yet. Editing what the case is about changes neither.
    for (Reminder pending :
        action == CaseAction.UPDATED
            ? List.<Reminder>of()
            : reminders.pendingForCase(tenant, after.id())) {
      boolean obsolete =
          pending.kind() == ReminderKind.WAIT_OVER
              || (pending.kind() == ReminderKind.CHECK_IN && action == CaseAction.REOPENED);
      if (obsolete
          && reminders.update(
              pending.completed(ReminderStatus.CANCELLED, now),
              pending.status(),
              pending.occurrence())) {
        cancelled.add(pending.id());
      }
    }
    if (action == CaseAction.RESOLVED && after.ownerId().isPresent()) {
      checkInTime(after, now)
          .ifPresent(
              due ->
                  wakeUps.add(
                      reminders.insert(
                          Reminder.create(
                              tenant,
                              tenants.nextReminderNumber(tenant),
                              after.ownerId().get(),
                              actor.userId(),
                              Optional.of(after.id()),
                              ReminderKind.CHECK_IN,
                              Optional.empty(),
                              due,
                              now))));
    }
    if (action == CaseAction.RESOLVED
        && event.actorId().equals(SupportCase.BOT)
        && after.ownerId().isPresent()) {
      deliveries.add(outbox.enqueue(autoResolvedNote(after, eventId, now)));
    }
    if (action == CaseAction.WAITING && after.waitingUntil().isPresent()) {
      Reminder waitOver =
          reminders.insert(
              Reminder.create(
                  tenant,
                  tenants.nextReminderNumber(tenant),
                  after.ownerId().orElse(actor.userId()),
                  actor.userId(),
                  Optional.of(after.id()),
                  ReminderKind.WAIT_OVER,
                  Optional.empty(),
                  after.waitingUntil().get(),
                  now));
      wakeUps.add(waitOver);
    }
    return new Effects(deliveries, wakeUps, cancelled);
  }

  /**
   * When to check in with the customer after a resolution: whole days are working days of the team,
   * landing at the policy's time of day in the owner's zone; shorter waits are business time.
   */
  private Optional<Instant> checkInTime(SupportCase c, Instant resolvedAt) {
    SupportTeam team = cards.teamOf(c);
    Duration wait = team.policy().followUp().afterResolution().get(c.priority());
    if (wait == null) {
      return Optional.empty();
    }
    BusinessCalendar cal = team.policy().calendar();
    boolean wholeDays = wait.toHours() >= 24 && wait.toSeconds() % 86_400 == 0;
    if (!wholeDays) {
      return Optional.of(cal.plus(resolvedAt, wait));
    }
    // Days are counted where the owner is, so "two working days later at 10:00" is their 10:00.
    ZoneId ownerZone = directory.person(c.tenant(), c.ownerId().orElseThrow()).zone();
    LocalDate date = resolvedAt.atZone(ownerZone).toLocalDate();
    for (long left = wait.toDays(); left > 0; ) {
      date = date.plusDays(1);
      if (cal.isWorkingDay(date)) {
        left--;
      }
    }
    Instant at = ZonedDateTime.of(date, team.policy().followUp().at(), ownerZone).toInstant();
    while (!at.isAfter(resolvedAt)) {
      do {
        date = date.plusDays(1);
      } while (!cal.isWorkingDay(date));
      at = ZonedDateTime.of(date, team.policy().followUp().at(), ownerZone).toInstant();
    }
    return Optional.of(at);
  }

  /** The owner's note that their case was resolved after its requester's silence. */
  private OutboxEntry autoResolvedNote(SupportCase c, long eventId, Instant now) {
    UserRef owner = new UserRef(c.tenant(), c.ownerId().orElseThrow());
    String requester =
        c.source().map(s -> directory.name(c.tenant(), s.requesterId())).orElse("the customer");
    TeamPolicy policy = cards.teamOf(c).policy();
    Message note =
        ConversationReplies.autoResolved(
            c,
            requester,
            policy.followUp().autoResolveAfter().map(Durations::format).orElse("a while"),
            Durations.format(policy.intake().reopenWithin()));
    return OutboxEntry.message(
        DedupeKey.autoResolved(eventId),
        new Destination.Direct(owner),
        note,
        Optional.of(c.id()),
        now);
  }

  private static OutboxEntry handOffNote(
      Actor caller, SupportCase after, CaseEvent event, long eventId, Instant now) {
    String n = Integer.toString(after.number());
    String text =
        caller.displayName()
            + " handed you case "
            + CaseViews.title(after)
            + " ("
            + after.priority().label()
            + ")"
            + event.reason().map(r -> ": " + r + (r.matches(".*[.!?]$") ? "" : ".")).orElse(".")
            + " It's yours now.";
    Message note =
        Message.builder(text)
            .section(text)
            .actions(
                List.of(Button.of("Open case", "show " + n), Button.of("Release", "release " + n)))
            .build();
    UserRef owner = new UserRef(caller.tenant(), after.ownerId().orElseThrow());
    return OutboxEntry.message(
        DedupeKey.handoff(eventId),
        new Destination.Direct(owner),
        note,
        Optional.of(after.id()),
        now);
  }
}
