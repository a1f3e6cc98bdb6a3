package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.port.WakeUp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up reminders: setting, listing, snoozing and completing them, and turning a due reminder
 * into exactly one message. The scheduler only wakes this service; it re-reads the reminder every
 * time, so a late, early, repeated or stale wake-up does no harm.
 */
public final class ReminderService {

  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);
  private static final int LIST_LIMIT = 25;

  /** Most reminders one wake-up queues and sends together. */
  private static final int BATCH = 100;

  /** Wake-ups this early (clock skew between nodes) are treated as on time. */
  private static final Duration EARLY_TOLERANCE = Duration.ofMillis(500);

  private final Transactions tx;
  private final TenantRepository tenants;
  private final ReminderRepository reminders;
  private final CaseRepository cases;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final Directory directory;
  private final Messengers messengers;
  private final DeliveryService delivery;
  private final CoreMetrics metrics;
  private final Clock clock;
  private final Instant runningSince;

  /** The holidays of the team of a channel, which a series that skips holidays skips. */
  private final BiFunction<TenantId, String, Set<LocalDate>> holidays;

  /** Whether a wake-up is already looking for a batch of due reminders in this process. */
  private final AtomicBoolean batching = new AtomicBoolean();

  public ReminderService(
      Transactions tx,
      TenantRepository tenants,
      ReminderRepository reminders,
      CaseRepository cases,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      Messengers messengers,
      DeliveryService delivery,
      CoreMetrics metrics,
      Clock clock,
      BiFunction<TenantId, String, Set<LocalDate>> holidays) {
    this.holidays = holidays;
    this.tx = tx;
    this.tenants = tenants;
    this.reminders = reminders;
    this.cases = cases;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.directory = directory;
    this.messengers = messengers;
    this.delivery = delivery;
    this.metrics = metrics;
    this.clock = clock;
    this.runningSince = clock.instant();
  }

  public Reply remind(Caller caller, Command.Remind command) {
    TenantId tenant = caller.tenant();
    Optional<SupportCase> about = Optional.empty();
    if (command.ref().isPresent()) {
      about = CaseLookup.find(cases, tenant, command.ref().get());
      if (about.isEmpty()) {
        return CaseService.notFound(command.ref().get());
      }
    }
    Person recipient = caller.asPerson();
    if (command.recipient().isPresent()) {
      Optional<Person> resolved = directory.resolve(tenant, command.recipient().get());
      if (resolved.isEmpty()) {
        return Reply.privately(
            "I don't know "
                + command.recipient().get().display()
                + " yet. Mention them with @ so your chat app fills in who they are.");
      }
      recipient = resolved.get();
    }
    Instant now = clock.instant();
    String recipientId = recipient.userId();
    Reminder stored =
        set(tenant, caller.userId(), recipientId, about, command.due(), command.note());
    boolean self = recipientId.equals(caller.userId());
    String whom = self ? "you" : recipient.displayName();
    UserRef recipientRef = recipient.ref();
    boolean unreachable =
        messengers.forPlatform(tenant.platform()).map(m -> !m.canReach(recipientRef)).orElse(false);
    String when = TimeFormats.onDayAt(stored.dueAt(), caller.zone(), now);
    String theirTime =
        self || recipient.zone().equals(caller.zone())
            ? ""
            : " your time, "
                + TimeFormats.theirs(stored.dueAt(), caller.zone(), recipient.zone(), now)
                + " their time in "
                + recipient.zone().getId();
    String what =
        about.map(c -> " about " + CaseViews.title(c)).orElse("")
            + stored.note().map(n -> ": " + n).orElse("");
    return Reply.privately(
            "Okay, I'll remind "
                + whom
                + " "
                + when
                + theirTime
                + " ("
                + TimeFormats.dayWord(stored.dueAt(), caller.zone(), now)
                    .map(d -> d + ", ")
                    .orElse("")
                + TimeFormats.relative(stored.dueAt(), now)
                + ")"
                + what
                + ". It's reminder "
                + stored.number()
                + "."
                + (!unreachable
                    ? ""
                    : self
                        ? " Heads-up: reminders reach you in a direct chat with me, and I can't write"
                            + " to you there yet. Open followup-bot from Apps once before it's due, so"
                            + " I can."
                        : " Heads-up: I can't send "
                            + recipient.displayName()
                            + " messages yet, so it would fail. Ask them to open a chat with me"
                            + " (in Teams: install the followup-bot app) before it's due."))
        .withUpdate(
            Message.text(
                "Set: reminder "
                    + stored.number()
                    + " "
                    + when
                    + stored.note().map(n -> ": " + n).orElse("")
                    + "."));
  }

  /**
   * Sets a repeating reminder: a series in the recipient's zone, and its first occurrence, an
   * ordinary reminder. Each occurrence that is queued creates the next one in the same transaction.
   */
  public Reply remindEvery(Caller caller, Command.RemindEvery command) {
    TenantId tenant = caller.tenant();
    Optional<SupportCase> about = Optional.empty();
    if (command.ref().isPresent()) {
      about = CaseLookup.find(cases, tenant, command.ref().get());
      if (about.isEmpty()) {
        return CaseService.notFound(command.ref().get());
      }
    }
    Person recipient = caller.asPerson();
    if (command.recipient().isPresent()) {
      Optional<Person> resolved = directory.resolve(tenant, command.recipient().get());
      if (resolved.isEmpty()) {
        return Reply.privately(
            "I don't know "
                + command.recipient().get().display()
                + " yet. Mention them with @ so your chat app fills in who they are.");
      }
      recipient = resolved.get();
    }
    Instant now = clock.instant();
    ZoneId zone = recipient.zone();
    String recipientId = recipient.userId();
    Optional<Reminder> set =
        setSeries(
            tenant,
            caller.userId(),
            recipientId,
            about,
            command.rule(),
            command.skipHolidays(),
            command.note(),
            zone,
            Optional.of(caller.channelId()));
    if (set.isEmpty()) {
      return Reply.privately(
          "I can't find a day for \""
              + command.rule().describe()
              + "\" in the next three years, so I haven't set anything.");
    }
    Reminder stored = set.get();
    boolean self = recipientId.equals(caller.userId());
    return Reply.privately(
        "Okay, I'll remind "
            + (self ? "you" : recipient.displayName())
            + " "
            + command.rule().describe()
            + (zone.equals(caller.zone()) ? "" : " " + zone.getId() + " time")
            + (command.skipHolidays() ? ", skipping the team's holidays" : "")
            + ", first "
            + TimeFormats.onDayAt(stored.dueAt(), zone, now)
            + " ("
            + TimeFormats.relative(stored.dueAt(), now)
            + ")"
            + about.map(c -> " about " + CaseViews.title(c)).orElse("")
            + stored.note().map(n -> ": " + n).orElse("")
            + ". It's reminder "
            + stored.number()
            + "; `cancel "
            + stored.number()
            + "` ends the series.");
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
      dev.followupbot.core.domain.Recurrence rule,
      boolean skipHolidays,
      Optional<String> note,
      ZoneId zone,
      Optional<String> channel) {
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
              Reminder r =
                  reminders.insert(
                      Reminder.create(
                          tenant,
                          tenants.nextReminderNumber(tenant),
                          recipientId,
                          creatorId,
                          caseId,
                          ReminderKind.FOLLOW_UP,
                          note,
                          first.get(),
                          now));
              long series = reminders.insertSeries(tenant, rule, zone, skipHolidays, channel, now);
              reminders.linkToSeries(r.id(), series);
              return r;
            });
    schedule(stored);
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
  private Optional<Reminder> nextOccurrence(Reminder taken, Instant now) {
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
    Reminder r =
        reminders.insert(
            Reminder.create(
                taken.tenant(),
                tenants.nextReminderNumber(taken.tenant()),
                taken.recipientId(),
                taken.creatorId(),
                taken.caseId(),
                taken.kind(),
                taken.note(),
                next.get(),
                now));
    reminders.linkToSeries(r.id(), series.id());
    return Optional.of(r);
  }

  /**
   * A reminder whose time has two readings: nothing is set; each reading is a button whose command
   * sets the reminder at that reading only. The click's reply replaces the question.
   */
  public Reply choose(Command.ChooseWhen command) {
    List<Button> buttons = new ArrayList<>();
    for (Command.WhenOption o : command.options()) {
      buttons.add(Button.of(o.label(), o.command()));
    }
    String labels =
        String.join(" or ", command.options().stream().map(Command.WhenOption::label).toList());
    return Reply.privately(
        Message.builder("Which time did you mean: " + labels + "? I haven't set anything yet.")
            .section(
                capitalised(command.why()) + ", so I haven't set anything yet. Which did you mean?")
            .actions(buttons)
            .context("Next time say it in full, e.g. `at 5pm`, `at 05:00` or `2026-12-11`.")
            .build());
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
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
    Instant now = clock.instant();
    directory.ensureTenant(tenant);
    Optional<Long> caseId = about.map(SupportCase::id);
    Reminder stored =
        tx.inTransaction(
            () ->
                reminders.insert(
                    Reminder.create(
                        tenant,
                        tenants.nextReminderNumber(tenant),
                        recipientId,
                        creatorId,
                        caseId,
                        ReminderKind.FOLLOW_UP,
                        note,
                        due,
                        now)));
    schedule(stored);
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

  /**
   * Cancels one of the tenant's reminders on an admin's behalf (the REST API): no check of who set
   * it. Returns the reminder as it is afterwards; an already finished one is returned unchanged.
   */
  public Optional<Reminder> cancelAsAdmin(TenantId tenant, int number, String by) {
    for (int round = 0; round < 3; round++) {
      Optional<Reminder> found = reminders.findByNumber(tenant, number);
      if (found.isEmpty() || !found.get().status().isActive()) {
        return found;
      }
      Reminder r = found.get();
      Reminder after = r.completed(ReminderStatus.CANCELLED, clock.instant());
      if (tx.inTransaction(() -> reminders.update(after, r.status(), r.occurrence()))) {
        unschedule(after.id());
        endSeries(after, clock.instant());
        log.info("reminder cancelled tenant={} reminder={} by={} via=API", tenant, number, by);
        return Optional.of(after);
      }
    }
    return reminders.findByNumber(tenant, number);
  }

  public Reply list(Caller caller) {
    List<Reminder> active = reminders.active(caller.tenant(), caller.userId(), LIST_LIMIT + 1);
    if (active.isEmpty()) {
      return Reply.privately("You have no pending reminders. Set one with `remind <when> <note>`.");
    }
    Instant now = clock.instant();
    StringBuilder lines = new StringBuilder();
    for (Reminder r : active.subList(0, Math.min(active.size(), LIST_LIMIT))) {
      Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(caller.tenant(), id));
      lines
          .append(lines.length() == 0 ? "" : "\n")
          .append(ReminderViews.line(r, about, caller.zone(), now))
          .append(
              reminders
                  .seriesOf(r.id())
                  .filter(ReminderRepository.Series::active)
                  .filter(series -> series.latestReminderId() == r.id())
                  .map(series -> " · repeats " + series.rule().describe())
                  .orElse(""));
    }
    return Reply.privately(
        Message.builder("Your reminders: " + active.size())
            .header("Your reminders")
            .section(lines.toString())
            .context("`done <n>`, `snooze <n> 1h` or `cancel <n>` (which ends a series).")
            .build());
  }

  public Reply snooze(Caller caller, Command.Snooze command) {
    Instant now = clock.instant();
    return changeOwn(
        caller,
        command.reminder(),
        "snooze it",
        true,
        r -> r.snoozedUntil(command.until()),
        after -> {
          schedule(after);
          String until = TimeFormats.when(after.dueAt(), caller.zone(), now);
          return new Outcome(
              "Snoozed reminder "
                  + after.number()
                  + " until "
                  + until
                  + " ("
                  + TimeFormats.relative(after.dueAt(), now)
                  + ").",
              "💤",
              "Snoozed by " + caller.displayName() + " until " + until + ".");
        });
  }

  public Reply done(Caller caller, int number) {
    Instant now = clock.instant();
    return changeOwn(
        caller,
        number,
        "mark it done",
        true,
        r -> r.completed(ReminderStatus.DONE, now),
        after -> {
          unschedule(after.id());
          return new Outcome(
              "Marked reminder " + after.number() + " done. Thanks!",
              "✅",
              "Done, marked by "
                  + caller.displayName()
                  + " at "
                  + TimeFormats.when(now, caller.zone(), now)
                  + ".");
        });
  }

  public Reply cancel(Caller caller, int number) {
    Instant now = clock.instant();
    Optional<Reminder> finished =
        reminders
            .findByNumber(caller.tenant(), number)
            .filter(r -> !r.status().isActive())
            .filter(
                r ->
                    r.recipientId().equals(caller.userId())
                        || r.creatorId().equals(caller.userId()));
    if (finished.isPresent()) {
      // A finished occurrence of a going series: cancel ends the series.
      Optional<String> ended = endSeries(finished.get(), now);
      if (ended.isPresent()) {
        return Reply.privately(
            "Ended the series of reminder " + number + " (" + ended.get() + ").");
      }
    }
    return changeOwn(
        caller,
        number,
        "cancel it",
        false,
        r -> r.completed(ReminderStatus.CANCELLED, now),
        after -> {
          unschedule(after.id());
          Optional<String> ended = endSeries(after, now);
          return new Outcome(
              "Cancelled reminder "
                  + after.number()
                  + ended.map(rule -> " and ended its series (" + rule + ")").orElse("")
                  + ".",
              "✖",
              "Cancelled by "
                  + caller.displayName()
                  + " at "
                  + TimeFormats.when(now, caller.zone(), now)
                  + ".");
        });
  }

  /**
   * Ends the going series {@code r} belongs to, if any, and cancels its pending occurrence. Returns
   * how the series repeated.
   */
  private Optional<String> endSeries(Reminder r, Instant now) {
    Optional<ReminderRepository.Series> series = reminders.seriesOf(r.id());
    if (series.isEmpty() || !series.get().active()) {
      return Optional.empty();
    }
    tx.run(() -> reminders.stopSeries(series.get().id(), now));
    // Read after the stop: an occurrence created meanwhile is the one to cancel.
    long latest =
        reminders.seriesOf(r.id()).map(ReminderRepository.Series::latestReminderId).orElse(r.id());
    if (latest != r.id()) {
      reminders
          .findById(latest)
          .filter(current -> current.status().isActive())
          .ifPresent(
              current -> {
                Reminder after = current.completed(ReminderStatus.CANCELLED, now);
                if (tx.inTransaction(
                    () -> reminders.update(after, current.status(), current.occurrence()))) {
                  unschedule(current.id());
                }
              });
    }
    log.info("reminder series ended tenant={} series={}", r.tenant(), series.get().id());
    return Optional.of(series.get().rule().describe());
  }

  /**
   * Called by the scheduler when a reminder may be due. Queues the reminder's message for this
   * occurrence (at most once, whatever happens) and has the outbox sent; other reminders due by now
   * that nobody has queued yet go in the same batch, so a crowd of reminders due together costs a
   * transaction per batch instead of a few per reminder, and their own wake-ups find nothing left
   * to do. The woken thread does not wait for the sends, so the scheduler's threads stay free to
   * wake the rest of the crowd. A wake-up that came early schedules the reminder again.
   */
  public void reminderDue(long reminderId) {
    try (LogContext context = LogContext.with("reminder_id", reminderId)) {
      Instant now = clock.instant();
      Optional<Reminder> woken = reminders.findById(reminderId);
      if (woken.isEmpty() || woken.get().status() != ReminderStatus.PENDING) {
        return;
      }
      Reminder r = woken.get();
      if (r.dueAt().isAfter(now.plus(EARLY_TOLERANCE))) {
        schedule(r);
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
        tx.run(
            () -> {
              created.clear();
              queueOwn(reminderId, now, created);
            });
        created.forEach(this::schedule);
      }
      delivery.deliverDueSoon();
    }
  }

  /**
   * Catches reminders whose wake-up never came (lost job, crash before scheduling). Returns how
   * many it queued.
   */
  public int deliverOverdue(Instant dueBefore, int limit) {
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
    List<Long> entries =
        tx.inTransaction(
            () -> {
              noLongerNeeded.clear();
              created.clear();
              List<Long> queued = new ArrayList<>();
              woken.flatMap(id -> queueOwn(id, now, created)).ifPresent(queued::add);
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
                nextOccurrence(r, now).ifPresent(created::add);
                noLongerNeeded.put(new WakeUp.ReminderDue(r.id()), r.dueAt());
              }
              return queued;
            });
    // Their wake-ups would find them queued; dropping them spares the scheduler the work.
    scheduler.forget(noLongerNeeded);
    created.forEach(this::schedule);
    return entries;
  }

  /** Queues the woken reminder if it is due, not queued yet and nobody else is queueing it. */
  private Optional<Long> queueOwn(long reminderId, Instant now, List<Reminder> created) {
    return reminders
        .takeIfDue(reminderId, now.plus(EARLY_TOLERANCE))
        .map(
            due -> {
              long entry = outbox.enqueue(entryFor(due, now));
              nextOccurrence(due, now).ifPresent(created::add);
              return entry;
            });
  }

  private OutboxEntry entryFor(Reminder r, Instant now) {
    Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(r.tenant(), id));
    Person recipient = directory.person(r.tenant(), r.recipientId());
    Function<String, String> names =
        id -> id.equals(r.recipientId()) ? "you" : directory.name(r.tenant(), id);
    List<dev.followupbot.core.domain.CaseEvent> history =
        r.kind() == ReminderKind.CHECK_IN && about.isPresent()
            ? cases.history(r.tenant(), about.get().id())
            : List.of();
    Message message =
        ReminderViews.due(r, about, names, recipient.zone(), now, runningSince, history);
    Optional<ReminderRepository.Series> series = reminders.seriesOf(r.id());
    if (series.isPresent()) {
      message = ReminderViews.inSeries(message, r, series.get().rule().describe());
    }
    Destination to = new Destination.Direct(new UserRef(r.tenant(), r.recipientId()));
    return OutboxEntry.reminder(to, message, r.id(), r.occurrence(), r.caseId(), now);
  }

  private interface Change {
    Reminder apply(Reminder r);
  }

  /** What the caller is told, and what the reminder's message says afterwards. */
  private record Outcome(String reply, String symbol, String summary) {}

  private interface Done {
    Outcome outcome(Reminder after);
  }

  private Reply changeOwn(
      Caller caller, int number, String verb, boolean recipientOnly, Change change, Done done) {
    for (int round = 0; round < 3; round++) {
      Optional<Reminder> found = reminders.findByNumber(caller.tenant(), number);
      if (found.isEmpty()) {
        return Reply.privately("I can't find reminder " + number + ". `reminders` lists yours.");
      }
      Reminder r = found.get();
      boolean mayAct =
          r.recipientId().equals(caller.userId())
              || (!recipientOnly && r.creatorId().equals(caller.userId()));
      if (!mayAct) {
        String owner = directory.name(caller.tenant(), r.recipientId());
        return Reply.privately(
            "Reminder "
                + number
                + " is "
                + owner
                + "'s; only "
                + owner
                + (recipientOnly ? "" : " or whoever set it")
                + " can "
                + verb
                + ".");
      }
      if (!r.status().isActive()) {
        return Reply.privately("Reminder " + number + " is already " + r.status().label() + ".");
      }
      Reminder after = change.apply(r);
      if (tx.inTransaction(() -> reminders.update(after, r.status(), r.occurrence()))) {
        log.info(
            "reminder {} tenant={} reminder={} by={}",
            verb,
            caller.tenant(),
            number,
            caller.userId());
        Outcome outcome = done.outcome(after);
        Optional<SupportCase> about = after.caseId().flatMap(id -> cases.findById(r.tenant(), id));
        return Reply.privately(outcome.reply())
            .withUpdate(ReminderViews.handled(after, about, outcome.symbol(), outcome.summary()));
      }
    }
    return Reply.privately("Reminder " + number + " just changed. Please try again.");
  }

  private void schedule(Reminder r) {
    try {
      scheduler.wakeAt(r.id(), r.dueAt());
    } catch (RuntimeException e) {
      log.warn(
          "could not schedule reminder id={}; the sweep will deliver it when due: {}",
          r.id(),
          e.toString());
    }
  }

  private void unschedule(long id) {
    try {
      scheduler.cancel(id);
    } catch (RuntimeException e) {
      log.warn(
          "could not unschedule reminder id={}; its wake-up will find it finished: {}",
          id,
          e.toString());
    }
  }
}
