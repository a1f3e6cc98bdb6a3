package dev.followupbot.core.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.team.AccessPolicy;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.webhook.CaseJson;
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
import java.util.function.Supplier;
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
  private final WebhookEvents webhooks;
  private final CoreMetrics metrics;
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
      WebhookEvents webhooks,
      CoreMetrics metrics,
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
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Opens a case in the caller's channel and queues its card. */
  public Reply open(Caller caller, Command.NewCase command) {
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
    OpenOutcome.Opened opened =
        create(
            actorOf(caller),
            new CaseDraft(
                command.externalRef(),
                command.subject(),
                command.customer(),
                Optional.of(command.priority()),
                caller.channelId()));
    SupportCase created = opened.opened();
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
            // No Claim button here: this answer is never updated, so a button would go stale;
            // the case card carries it and follows the case.
            .build();
    return Reply.privately(message).withDeliveries(opened.deliveries());
  }

  /**
   * Opens the case the draft describes or, when its helpdesk reference names an existing case of
   * the actor's workspace, updates that case instead: retrying the same request never makes a
   * second case, even when two copies race.
   */
  public OpenOutcome openOrUpdate(Actor actor, CaseDraft draft) {
    if (draft.externalRef().isPresent()) {
      Optional<SupportCase> existing =
          cases.findByExternalRef(actor.tenant(), draft.externalRef().get());
      if (existing.isPresent()) {
        return new OpenOutcome.Updated(perform(actor, existing.get().id(), editFrom(draft)));
      }
    }
    try {
      return create(actor, draft);
    } catch (RuntimeException e) {
      Optional<SupportCase> raced =
          draft.externalRef().flatMap(ref -> cases.findByExternalRef(actor.tenant(), ref));
      if (raced.isEmpty()) {
        throw e;
      }
      // Another request opened the same reference a moment ago; update that one.
      return new OpenOutcome.Updated(perform(actor, raced.get().id(), editFrom(draft)));
    }
  }

  private static CaseChange.Edit editFrom(CaseDraft draft) {
    return new CaseChange.Edit(
        Optional.of(draft.subject()), draft.customer(), false, draft.priority());
  }

  /** Opens a new case and queues its card; fails if its helpdesk reference is taken. */
  public OpenOutcome.Opened create(Actor actor, CaseDraft draft) {
    Instant now = clock.instant();
    TenantId tenant = actor.tenant();
    directory.ensureTenant(tenant);
    List<Long> deliveries = new ArrayList<>();
    SupportCase created =
        tx.inTransaction(
            () -> {
              SupportCase opened =
                  SupportCase.open(
                      tenant,
                      tenants.nextCaseNumber(tenant),
                      draft.externalRef(),
                      draft.subject(),
                      draft.customer(),
                      draft.priority().orElse(dev.followupbot.core.domain.Priority.NORMAL),
                      draft.channelId(),
                      actor.userId(),
                      now);
              SupportCase stored = cases.insert(opened);
              CaseEvent event =
                  new CaseEvent(
                          stored.id(),
                          now,
                          actor.userId(),
                          CaseAction.CREATED,
                          Optional.empty(),
                          CaseStatus.UNCLAIMED,
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty())
                      .via(actor.via());
              long eventId = cases.append(tenant, event);
              webhooks.caseChanged(stored, event, eventId);
              deliveries.add(outbox.enqueue(OutboxEntry.caseCard(tenant, stored.id(), now)));
              return stored;
            });
    log.info(
        "case opened tenant={} case={} by={}{} priority={} team={}",
        tenant,
        created.number(),
        actor.userId(),
        actor.via().map(v -> " via=" + v).orElse(""),
        created.priority().label(),
        cards.teamOf(created).id());
    webhooks.announce(created.id());
    watch.afterChange(created.tenant(), created.id());
    return new OpenOutcome.Opened(created, deliveries);
  }

  public Reply claim(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Claim(),
        (after, event) -> "You own " + CaseViews.title(after) + " now. Thank you for taking it!");
  }

  public Reply release(Caller caller, CaseRef ref) {
    return change(
        caller,
        ref,
        new CaseChange.Release(),
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
        new CaseChange.Assign(to.userId(), command.reason()),
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
        new CaseChange.Wait(command.until()),
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
        new CaseChange.Resume(),
        (after, event) -> CaseViews.title(after) + " is back in progress.");
  }

  public Reply resolve(Caller caller, Command.Resolve command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Resolve(command.note()),
        (after, event) -> "Resolved " + CaseViews.title(after) + ". Nice work!");
  }

  public Reply reopen(Caller caller, Command.Reopen command) {
    return change(
        caller,
        command.ref(),
        new CaseChange.Reopen(command.reason()),
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
        new CaseChange.Close(),
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
        new CaseChange.Progress(command.note()),
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
        new CaseChange.Answered(command.note()),
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
          long eventId =
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
          webhooks.csat(c, eventId, command.score(), command.comment(), caller.userId(), now);
        });
    webhooks.announce(c.id());
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

  /**
   * The case as the REST API and webhooks show it ({@link CaseJson}), with its history when asked.
   */
  public ObjectNode json(SupportCase c, boolean withHistory) {
    return json(c, cases.updatedAt(c.tenant(), c.id()).orElse(c.createdAt()), withHistory);
  }

  /** A listed case, as {@link #json(SupportCase, boolean)} shows it, without history. */
  public ObjectNode json(CaseListing listed) {
    return json(listed.supportCase(), listed.updatedAt(), false);
  }

  private ObjectNode json(SupportCase c, Instant updatedAt, boolean withHistory) {
    List<CaseEvent> history = cases.history(c.tenant(), c.id());
    Function<String, String> names = nameOf(c.tenant());
    ObjectNode o = CaseJson.of(c, updatedAt, cards.teamOf(c).id(), cards.sla(c, history), names);
    if (withHistory) {
      ArrayNode entries = o.putArray("history");
      history.forEach(e -> entries.add(CaseJson.change(e, names)));
    }
    return o;
  }

  boolean admin(Caller caller) {
    return access.isAdmin(caller.ref());
  }

  /** The person typing, with the rights the configuration gives them. */
  Actor actorOf(Caller caller) {
    return new Actor(
        caller.tenant(),
        caller.userId(),
        caller.displayName(),
        caller.zone(),
        admin(caller),
        Optional.empty());
  }

  /** The case a person means (a number first, else a helpdesk reference), in their workspace. */
  public Optional<SupportCase> find(TenantId tenant, CaseRef ref) {
    return CaseLookup.find(cases, tenant, ref);
  }

  Function<String, String> nameOf(TenantId tenant) {
    return id -> directory.name(tenant, id);
  }

  private interface Success {
    String text(SupportCase after, CaseEvent event);
  }

  /**
   * Applies a change to the case a person named, as one transaction, and says what became of it.
   * This is the operation behind every chat command and button that changes a case.
   */
  public CaseOutcome perform(Actor actor, CaseRef ref, CaseChange change) {
    return perform(actor, () -> find(actor.tenant(), ref), change);
  }

  /** Applies a change to a case known by its id, in the actor's workspace (the REST API's way). */
  public CaseOutcome perform(Actor actor, long caseId, CaseChange change) {
    return perform(actor, () -> cases.findById(actor.tenant(), caseId), change);
  }

  /** The result of one try, with what to do once it is committed. */
  private record Attempt(
      CaseOutcome outcome, List<Reminder> wakeUps, List<Long> cancelled, boolean conflict) {
    static Attempt of(CaseOutcome outcome) {
      return new Attempt(outcome, List.of(), List.of(), false);
    }

    static Attempt lostRace() {
      return new Attempt(new CaseOutcome.Busy(), List.of(), List.of(), true);
    }
  }

  /**
   * Optimistic locking: if someone changed the case between our read and our write, read again and
   * decide again (a second claim then gets "already owned").
   */
  private CaseOutcome perform(
      Actor actor, Supplier<Optional<SupportCase>> lookup, CaseChange change) {
    directory.ensureTenant(actor.tenant());
    for (int round = 0; round < 5; round++) {
      Attempt attempt = tx.inTransaction(() -> attempt(actor, lookup, change));
      if (attempt.conflict()) {
        continue;
      }
      if (attempt.outcome() instanceof CaseOutcome.Applied applied) {
        for (Reminder r : attempt.wakeUps()) {
          scheduleQuietly(r);
          metrics.reminderScheduled(r.kind());
        }
        for (Long id : attempt.cancelled()) {
          cancelQuietly(id);
        }
        webhooks.announce(applied.after().id());
        watch.afterChange(applied.after().tenant(), applied.after().id());
        count(applied);
        log.info(
            "case {} tenant={} case={} by={}{} status={}",
            applied.event().action().label(),
            actor.tenant(),
            applied.after().number(),
            actor.userId(),
            actor.via().map(v -> " via=" + v).orElse(""),
            applied.after().status());
      }
      return attempt.outcome();
    }
    return new CaseOutcome.Busy();
  }

  /** Time to claim (since the case was last left unclaimed) and time to resolve. */
  private void count(CaseOutcome.Applied applied) {
    SupportCase before = applied.before();
    SupportCase after = applied.after();
    if (before.ownerId().isEmpty() && after.ownerId().isPresent() && before.status().isOpen()) {
      metrics.claimed(java.time.Duration.between(before.lastActivityAt(), applied.event().at()));
    }
    if (applied.event().action() == CaseAction.RESOLVED) {
      metrics.resolved(java.time.Duration.between(after.createdAt(), applied.event().at()));
    }
  }

  private Reply change(Caller caller, CaseRef ref, CaseChange change, Success success) {
    CaseOutcome outcome = perform(actorOf(caller), ref, change);
    if (outcome instanceof CaseOutcome.NotFound) {
      return notFound(ref);
    }
    if (outcome instanceof CaseOutcome.Refused refused) {
      return Reply.privately(
          refusalText(caller, refused.current(), refused.refusal(), change.verb()));
    }
    if (outcome instanceof CaseOutcome.Applied applied) {
      return Reply.privately(Message.text(success.text(applied.after(), applied.event())))
          .withDeliveries(applied.deliveries())
          .withUpdate(cards.handled(applied.after(), applied.event()));
    }
    return Reply.privately(
        "That case is changing very quickly right now. Please try again in a moment.");
  }

  private Transition transition(Actor actor, SupportCase c, CaseChange change) {
    Instant now = clock.instant();
    String who = actor.userId();
    boolean admin = actor.admin();
    if (change instanceof CaseChange.Claim) {
      return c.claim(who, now);
    }
    if (change instanceof CaseChange.Release) {
      return c.release(who, admin, now);
    }
    if (change instanceof CaseChange.Assign a) {
      return c.assign(who, admin, a.assigneeId(), a.reason(), now);
    }
    if (change instanceof CaseChange.Wait w) {
      return c.waitOnCustomer(who, admin, w.until(), now);
    }
    if (change instanceof CaseChange.Resume) {
      return c.resume(who, admin, now);
    }
    if (change instanceof CaseChange.Resolve r) {
      return c.resolve(who, admin, r.note(), now);
    }
    if (change instanceof CaseChange.Reopen r) {
      return c.reopen(who, r.reason(), now);
    }
    if (change instanceof CaseChange.Close) {
      return c.close(who, admin, now);
    }
    if (change instanceof CaseChange.Progress p) {
      return c.progress(who, admin, p.note(), now);
    }
    if (change instanceof CaseChange.Answered a) {
      return c.answered(who, admin, a.note(), now);
    }
    CaseChange.Edit e = (CaseChange.Edit) change;
    Optional<String> customer =
        e.removeCustomer() ? Optional.empty() : e.customer().or(c::customer);
    return c.edit(
        who, e.subject().orElse(c.subject()), customer, e.priority().orElse(c.priority()), now);
  }

  private Attempt attempt(Actor actor, Supplier<Optional<SupportCase>> lookup, CaseChange change) {
    Optional<SupportCase> found = lookup.get();
    if (found.isEmpty()) {
      return Attempt.of(new CaseOutcome.NotFound());
    }
    SupportCase before = found.get();
    Transition t = transition(actor, before, change);
    if (t instanceof Transition.Refused refused) {
      return Attempt.of(new CaseOutcome.Refused(before, refused.refusal()));
    }
    Transition.Applied applied = (Transition.Applied) t;
    SupportCase after = applied.after();
    if (!cases.update(after)) {
      return Attempt.lostRace();
    }
    TenantId tenant = actor.tenant();
    CaseEvent event = applied.event().via(actor.via());
    long eventId = cases.append(tenant, event);
    webhooks.caseChanged(after, event, eventId);
    Instant now = clock.instant();
    List<Long> deliveries = new ArrayList<>();
    deliveries.add(
        outbox.enqueue(OutboxEntry.cardRefresh(tenant, after.id(), after.version(), now)));
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
    return new Attempt(
        new CaseOutcome.Applied(before, after, event, deliveries), wakeUps, cancelled, false);
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

  private OutboxEntry handOffNote(
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
    if (refusal instanceof Refusal.NothingToChange) {
      return title + " already reads that way; nothing changed.";
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
