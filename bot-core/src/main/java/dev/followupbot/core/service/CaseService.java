package dev.followupbot.core.service;

import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.Transition;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening cases and changing their hands. Each change is one transaction: the case, its history
 * entry and the messages it causes (card refresh, a note to the new owner) land together, and the
 * messages are delivered afterwards from the outbox.
 */
public final class CaseService {

  private static final Logger log = LoggerFactory.getLogger(CaseService.class);
  private static final int LIST_LIMIT = 25;

  private final Transactions tx;
  private final TenantRepository tenants;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final Directory directory;
  private final AccessPolicy access;
  private final CaseCards cards;
  private final CaseWatch watch;
  private final FeedbackRepository feedback;
  private final Clock clock;

  public CaseService(
      Transactions tx,
      TenantRepository tenants,
      CaseRepository cases,
      ReminderRepository reminders,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      AccessPolicy access,
      CaseCards cards,
      CaseWatch watch,
      FeedbackRepository feedback,
      Clock clock) {
    this.tx = tx;
    this.tenants = tenants;
    this.cases = cases;
    this.reminders = reminders;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.directory = directory;
    this.access = access;
    this.cards = cards;
    this.watch = watch;
    this.feedback = feedback;
    this.clock = clock;
  }

  /** Opens a case in the caller's channel and queues its card. */
  public Reply open(Caller caller, Command.NewCase command) {
    Instant now = clock.instant();
    TenantId tenant = caller.tenant();
    if (command.externalRef().isPresent()) {
      Optional<SupportCase> existing = cases.findByExternalRef(tenant, command.externalRef().get());
      if (existing.isPresent()) {
        return Reply.privately(
            "There is already a case for "
                + command.externalRef().get()
                + ": "
                + CaseViews.title(existing.get())
                + ". `show "
                + existing.get().number()
                + "` to see it.");
      }
    }
    List<Long> deliveries = new ArrayList<>();
    SupportCase created =
        tx.inTransaction(
            () -> {
              SupportCase draft =
                  SupportCase.open(
                      tenant,
                      tenants.nextCaseNumber(tenant),
                      command.externalRef(),
                      command.subject(),
                      command.customer(),
                      command.priority(),
                      caller.channelId(),
                      caller.userId(),
                      now);
              SupportCase stored = cases.insert(draft);
              cases.append(
                  tenant,
                  new CaseEvent(
                      stored.id(),
                      now,
                      caller.userId(),
                      CaseAction.CREATED,
                      Optional.empty(),
                      CaseStatus.UNCLAIMED,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty()));
              deliveries.add(outbox.enqueue(OutboxEntry.caseCard(tenant, stored.id(), now)));
              return stored;
            });
    log.info(
        "case opened tenant={} case={} by={} priority={} team={}",
        tenant,
        created.number(),
        caller.userId(),
        created.priority().label(),
        cards.teamOf(created).id());
    watchQuietly(created);
    String n = Integer.toString(created.number());
    String who = created.customer().map(c -> " for " + c).orElse("");
    Message message =
        Message.builder("Opened case " + CaseViews.title(created))
            .section(
                "Opened case "
                    + CaseViews.title(created)
                    + who
                    + " ("
                    + created.priority().label()
                    + "). It's unclaimed: `claim "
                    + n
                    + "` to take it.")
            .actions(List.of(Button.primary("Claim", "claim " + n)))
            .build();
    return Reply.privately(message).withDeliveries(deliveries);
  }

  public Reply claim(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        "claim",
        c -> c.claim(caller.userId(), clock.instant()),
        (after, event) -> "You own " + CaseViews.title(after) + " now. Thank you for taking it!");
  }

  public Reply release(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        "release",
        c -> c.release(caller.userId(), admin(caller), clock.instant()),
        (after, event) ->
            "You released " + CaseViews.title(after) + ". It's back in the team's queue.");
  }

  public Reply assign(Caller caller, Command.Assign command) {
    Optional<Person> assignee = directory.resolve(caller.tenant(), command.assignee());
    if (assignee.isEmpty()) {
      return Reply.privately(
          "I don't know "
              + command.assignee().display()
              + " yet. Mention them with @ so your chat app fills in who they are.");
    }
    Person to = assignee.get();
    return change(
        caller,
        command.ref(),
        "assign",
        c ->
            c.assign(
                caller.userId(), admin(caller), to.userId(), command.reason(), clock.instant()),
        (after, event) -> {
          if (to.userId().equals(caller.userId())) {
            return "You own " + CaseViews.title(after) + " now.";
          }
          return CaseViews.title(after) + " is now " + to.displayName() + "'s. I've let them know.";
        });
  }

  public Reply waitOnCustomer(Caller caller, Command.Wait command) {
    return change(
        caller,
        command.ref(),
        "wait",
        c -> c.waitOnCustomer(caller.userId(), admin(caller), command.until(), clock.instant()),
        (after, event) ->
            CaseViews.title(after)
                + " is waiting on the customer. "
                + command
                    .until()
                    .map(
                        u ->
                            "I'll remind "
                                + (after.isOwnedBy(caller.userId()) ? "you" : "its owner")
                                + " "
                                + TimeFormats.when(u, caller.zone(), clock.instant())
                                + " if nothing changes.")
                    .orElse("`resume " + after.number() + "` when they reply."));
  }

  public Reply resume(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        "resume",
        c -> c.resume(caller.userId(), admin(caller), clock.instant()),
        (after, event) -> CaseViews.title(after) + " is back in progress.");
  }

  public Reply resolve(Caller caller, Command.Resolve command) {
    return change(
        caller,
        command.ref(),
        "resolve",
        c -> c.resolve(caller.userId(), admin(caller), command.note(), clock.instant()),
        (after, event) -> "Resolved " + CaseViews.title(after) + ". Nice work!");
  }

  public Reply reopen(Caller caller, Command.Reopen command) {
    return change(
        caller,
        command.ref(),
        "reopen",
        c -> c.reopen(caller.userId(), command.reason(), clock.instant()),
        (after, event) ->
            CaseViews.title(after)
                + " is open again"
                + after
                    .ownerId()
                    .map(
                        o ->
                            " and back with "
                                + (o.equals(caller.userId())
                                    ? "you"
                                    : directory.name(caller.tenant(), o))
                                + ".")
                    .orElse(", unclaimed. `claim " + after.number() + "` to take it."));
  }

  public Reply close(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        "close",
        c -> c.close(caller.userId(), admin(caller), clock.instant()),
        (after, event) -> "Closed " + CaseViews.title(after) + ".");
  }

  public Reply show(Caller caller, CaseRef ref) {
    Optional<SupportCase> found = find(caller.tenant(), ref);
    if (found.isEmpty()) {
      return notFound(ref);
    }
    return Reply.privately(cards.detail(found.get(), caller.zone()));
  }

  /** The owner is still on it: resets the case's stale timer. */
  public Reply progress(Caller caller, Command.Progress command) {
    return change(
        caller,
        command.ref(),
        "report progress on",
        c -> c.progress(caller.userId(), admin(caller), command.note(), clock.instant()),
        (after, event) ->
            "Noted: you're still on "
                + CaseViews.title(after)
                + ". I'll check back if it goes quiet.");
  }

  /** The owner answered the customer: the first time, that is the case's first response. */
  public Reply answered(Caller caller, Command.Answered command) {
    return change(
        caller,
        command.ref(),
        "record an answer on",
        c -> c.answered(caller.userId(), admin(caller), command.note(), clock.instant()),
        (after, event) ->
            after.firstResponseAt().filter(t -> t.equals(event.at())).isPresent()
                ? "Noted the first response on " + CaseViews.title(after) + "."
                : "Noted your answer on " + CaseViews.title(after) + ".");
  }

  /** Records the customer's satisfaction; a low score does what the team's policy says. */
  public Reply csat(Caller caller, Command.Csat command) {
    Optional<SupportCase> found = find(caller.tenant(), command.ref());
    if (found.isEmpty()) {
      return notFound(command.ref());
    }
    SupportCase c = found.get();
    Instant now = clock.instant();
    String reason = command.score() + "/5" + command.comment().map(text -> ": " + text).orElse("");
    tx.run(
        () -> {
          feedback.record(
              new dev.followupbot.core.domain.CaseFeedback(
                  c.tenant(), c.id(), command.score(), command.comment(), caller.userId(), now));
          cases.append(
              c.tenant(),
              new CaseEvent(
                  c.id(),
                  now,
                  caller.userId(),
                  CaseAction.RATED,
                  Optional.of(c.status()),
                  c.status(),
                  c.ownerId(),
                  c.ownerId(),
                  Optional.of(reason)));
        });
    log.info(
        "csat recorded tenant={} case={} score={} by={}",
        c.tenant(),
        c.number(),
        command.score(),
        caller.userId());
    dev.followupbot.core.team.TeamPolicy.Csat policy = cards.teamOf(c).policy().csat();
    StringBuilder text =
        new StringBuilder("Recorded ")
            .append(command.score())
            .append("/5 for ")
            .append(CaseViews.title(c))
            .append(".");
    if (command.score() > policy.lowScore()) {
      return Reply.privately(text.append(" Thank you!").toString());
    }
    List<Long> deliveries = new ArrayList<>();
    if (policy.onLow().notifiesLead()) {
      watch.lowScore(c, command.score(), now);
      text.append(" I've let the team's leads know.");
    }
    if (policy.onLow().reopens() && !c.status().isOpen()) {
      Reply reopened =
          reopen(
              caller,
              new Command.Reopen(command.ref(), Optional.of("customer rated it " + reason)));
      deliveries.addAll(reopened.deliveries());
      text.append(" ").append(reopened.message().fallbackText());
    }
    return Reply.privately(text.toString()).withDeliveries(deliveries);
  }

  public Reply list(Caller caller, Command.CaseFilter filter) {
    Set<CaseStatus> statuses;
    Optional<String> owner = Optional.empty();
    String title;
    switch (filter) {
      case MINE:
        statuses = EnumSet.of(CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);
        owner = Optional.of(caller.userId());
        title = "Your open cases";
        break;
      case UNCLAIMED:
        statuses = EnumSet.of(CaseStatus.UNCLAIMED);
        title = "Unclaimed cases";
        break;
      case RESOLVED:
        statuses = EnumSet.of(CaseStatus.RESOLVED);
        title = "Resolved cases";
        break;
      case ALL:
        statuses = EnumSet.allOf(CaseStatus.class);
        title = "All cases";
        break;
      case OPEN:
      default:
        statuses =
            EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);
        title = "Open cases";
        break;
    }
    List<SupportCase> found = cases.list(caller.tenant(), statuses, owner, LIST_LIMIT + 1);
    if (found.isEmpty()) {
      String none =
          filter == Command.CaseFilter.MINE
              ? "You have no open cases. "
              : "No " + title.toLowerCase(java.util.Locale.ROOT) + ". ";
      return Reply.privately(none + "Open one with `new <subject>`.");
    }
    Instant now = clock.instant();
    Function<String, String> names = nameOf(caller.tenant());
    StringBuilder lines = new StringBuilder();
    for (SupportCase c : found.subList(0, Math.min(found.size(), LIST_LIMIT))) {
      lines.append(lines.length() == 0 ? "" : "\n").append(CaseViews.line(c, names, now));
    }
    Message.Builder b =
        Message.builder(title + ": " + found.size() + (found.size() > LIST_LIMIT ? "+" : ""))
            .header(title)
            .section(lines.toString());
    if (found.size() > LIST_LIMIT) {
      b.context("Showing the oldest " + LIST_LIMIT + ".");
    }
    return Reply.privately(b.build());
  }

  boolean admin(Caller caller) {
    return access.isAdmin(caller.ref());
  }

  private Optional<SupportCase> find(TenantId tenant, CaseRef ref) {
    return CaseLookup.find(cases, tenant, ref);
  }

  Function<String, String> nameOf(TenantId tenant) {
    return id -> directory.name(tenant, id);
  }

  private interface Success {
    String text(SupportCase after, CaseEvent event);
  }

  private sealed interface Outcome {}

  private record Applied(
      SupportCase after,
      CaseEvent event,
      List<Long> deliveries,
      List<Reminder> wakeUps,
      List<Long> cancelled)
      implements Outcome {}

  private record Refused(SupportCase current, Refusal refusal) implements Outcome {}

  private record Missing() implements Outcome {}

  private record Conflict() implements Outcome {}

  /**
   * Applies a transition with optimistic locking: if someone changed the case between our read and
   * our write, read again and decide again (a second claim then gets "already owned").
   */
  private Reply change(
      Caller caller,
      CaseRef ref,
      String verb,
      Function<SupportCase, Transition> transition,
      Success success) {
    directory.ensureTenant(caller.tenant());
    for (int round = 0; round < 5; round++) {
      Outcome outcome = tx.inTransaction(() -> attempt(caller, ref, transition));
      if (outcome instanceof Missing) {
        return notFound(ref);
      }
      if (outcome instanceof Refused refused) {
        return Reply.privately(refusalText(caller, refused.current(), refused.refusal(), verb));
      }
      if (outcome instanceof Applied applied) {
        for (Reminder r : applied.wakeUps()) {
          scheduleQuietly(r);
        }
        for (Long id : applied.cancelled()) {
          cancelQuietly(id);
        }
        watchQuietly(applied.after());
        log.info(
            "case {} tenant={} case={} by={} status={}",
            applied.event().action().label(),
            caller.tenant(),
            applied.after().number(),
            caller.userId(),
            applied.after().status());
        return Reply.privately(Message.text(success.text(applied.after(), applied.event())))
            .withDeliveries(applied.deliveries())
            .withUpdate(cards.handled(applied.after(), applied.event()));
      }
    }
    return Reply.privately(
        "That case is changing very quickly right now. Please try again in a moment.");
  }

  private Outcome attempt(
      Caller caller, CaseRef ref, Function<SupportCase, Transition> transition) {
    Optional<SupportCase> found = find(caller.tenant(), ref);
    if (found.isEmpty()) {
      return new Missing();
    }
    Transition t = transition.apply(found.get());
    if (t instanceof Transition.Refused refused) {
      return new Refused(found.get(), refused.refusal());
    }
    Transition.Applied applied = (Transition.Applied) t;
    SupportCase after = applied.after();
    if (!cases.update(after)) {
      return new Conflict();
    }
    long eventId = cases.append(caller.tenant(), applied.event());
    Instant now = clock.instant();
    List<Long> deliveries = new ArrayList<>();
    deliveries.add(
        outbox.enqueue(OutboxEntry.cardRefresh(caller.tenant(), after.id(), after.version(), now)));
    List<Reminder> wakeUps = new ArrayList<>();
    List<Long> cancelled = new ArrayList<>();
    CaseAction action = applied.event().action();
    if (action == CaseAction.ASSIGNED
        && after.ownerId().isPresent()
        && !after.isOwnedBy(caller.userId())) {
      deliveries.add(outbox.enqueue(handOffNote(caller, after, applied.event(), eventId, now)));
    }
    // Any change ends a previous wait: its "time to check" reminder no longer applies; a reopened
    // case needs no check-in yet.
    for (Reminder pending : reminders.pendingForCase(caller.tenant(), after.id())) {
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
                              caller.tenant(),
                              tenants.nextReminderNumber(caller.tenant()),
                              after.ownerId().get(),
                              caller.userId(),
                              Optional.of(after.id()),
                              ReminderKind.CHECK_IN,
                              Optional.empty(),
                              due,
                              now))));
    }
    if (action == CaseAction.WAITING && after.waitingUntil().isPresent()) {
      Reminder waitOver =
          reminders.insert(
              Reminder.create(
                  caller.tenant(),
                  tenants.nextReminderNumber(caller.tenant()),
                  after.ownerId().orElse(caller.userId()),
                  caller.userId(),
                  Optional.of(after.id()),
                  ReminderKind.WAIT_OVER,
                  Optional.empty(),
                  after.waitingUntil().get(),
                  now));
      wakeUps.add(waitOver);
    }
    return new Applied(after, applied.event(), deliveries, wakeUps, cancelled);
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

  private void watchQuietly(SupportCase c) {
    try {
      watch.evaluate(c.tenant(), c.id());
    } catch (RuntimeException e) {
      log.warn(
          "could not re-check the timers of case {} in {}; the next sweep will: {}",
          c.number(),
          c.tenant(),
          e.toString());
    }
  }

  private OutboxEntry handOffNote(
      Caller caller, SupportCase after, CaseEvent event, long eventId, Instant now) {
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
        "event:" + eventId + ":handoff",
        new Destination.Direct(owner),
        note,
        Optional.of(after.id()),
        now);
  }

  private String refusalText(Caller caller, SupportCase c, Refusal refusal, String verb) {
    String title = CaseViews.title(c);
    String n = Integer.toString(c.number());
    Instant now = clock.instant();
    if (refusal instanceof Refusal.OwnedBySomeoneElse owned) {
      String owner = directory.name(caller.tenant(), owned.ownerId());
      return title
          + " is already "
          + owner
          + "'s, since "
          + TimeFormats.when(owned.since(), caller.zone(), now)
          + " ("
          + TimeFormats.relative(owned.since(), now)
          + "). To take it over, ask "
          + owner
          + " to hand it to you with `assign "
          + n
          + " @"
          + caller.displayName()
          + "`.";
    }
    if (refusal instanceof Refusal.AlreadyYours) {
      return "You already own " + title + ".";
    }
    if (refusal instanceof Refusal.OwnerOnly only) {
      String owner = directory.name(caller.tenant(), only.ownerId());
      return "Only "
          + owner
          + " (the owner) or an admin can "
          + verb
          + " "
          + title
          + ". You could ask "
          + owner
          + ".";
    }
    if (refusal instanceof Refusal.NotClaimed) {
      return verb.equals("release")
          ? title + " isn't claimed, so there's nothing to release."
          : title + " has no owner yet. `claim " + n + "` first.";
    }
    if (refusal instanceof Refusal.NotOpen notOpen) {
      return title
          + " is "
          + notOpen.status().label()
          + ". `reopen "
          + n
          + "` first if it needs more work.";
    }
    if (refusal instanceof Refusal.AlreadyAssigned assigned) {
      return title
          + " already belongs to "
          + directory.name(caller.tenant(), assigned.ownerId())
          + ".";
    }
    Refusal.WrongState wrong = (Refusal.WrongState) refusal;
    switch (verb) {
      case "resume":
        return title + " isn't waiting on the customer (it's " + wrong.status().label() + ").";
      case "reopen":
        return title + " is still open (" + wrong.status().label() + "); nothing to reopen.";
      case "close":
        return "Only resolved cases can be closed; "
            + title
            + " is "
            + wrong.status().label()
            + ". `resolve "
            + n
            + "` first.";
      default:
        return title + " is " + wrong.status().label() + ", so I can't " + verb + " it.";
    }
  }

  static Reply notFound(CaseRef ref) {
    return Reply.privately(
        "I can't find case " + ref.display() + " here. `cases` lists the open ones.");
  }

  private void scheduleQuietly(Reminder r) {
    try {
      scheduler.wakeAt(r.id(), r.dueAt());
    } catch (RuntimeException e) {
      log.warn(
          "could not schedule reminder id={}; the sweep will deliver it when due: {}",
          r.id(),
          e.toString());
    }
  }

  private void cancelQuietly(long reminderId) {
    try {
      scheduler.cancel(reminderId);
    } catch (RuntimeException e) {
      log.warn(
          "could not unschedule reminder id={}; its wake-up will find it cancelled: {}",
          reminderId,
          e.toString());
    }
  }
}
