package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.PersonRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.schedule.CronSchedule;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digests: each team's summary in its channel on its cron schedule (in the team's zone), and each
 * person's 9:00 summary in their own zone on their working days. A digest with nothing to say is
 * not sent; each is sent at most once per occurrence, whatever wakes it.
 */
public final class DigestService {

  private static final Logger log = LoggerFactory.getLogger(DigestService.class);
  private static final LocalTime MORNING = LocalTime.of(9, 0);

  /** A personal digest that could not go out by 11:00 is skipped for the day. */
  private static final Duration MORNING_WINDOW = Duration.ofHours(2);

  private static final Set<CaseStatus> OPEN =
      EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);
  private static final int LIST = 10;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private final SupportTeams teams;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final PersonRepository people;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final CaseCards cards;
  private final Directory directory;
  private final DeliveryService delivery;
  private final Clock clock;

  public DigestService(
      SupportTeams teams,
      CaseRepository cases,
      ReminderRepository reminders,
      PersonRepository people,
      Outbox outbox,
      ReminderScheduler scheduler,
      CaseCards cards,
      Directory directory,
      DeliveryService delivery,
      Clock clock) {
    this.teams = teams;
    this.cases = cases;
    this.reminders = reminders;
    this.people = people;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.cards = cards;
    this.directory = directory;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** Schedules every team's next digest; teams in {@code gone} lose theirs. */
  public void scheduleAll(Set<String> gone) {
    gone.forEach(id -> cancelQuietly(new WakeUp.TeamDigest(id)));
    teams.configured().forEach(this::schedule);
  }

  private void schedule(SupportTeam team) {
    WakeUp wake = new WakeUp.TeamDigest(team.id());
    Optional<Instant> next =
        team.policy().digest().team().flatMap(c -> c.nextAfter(clock.instant()));
    if (next.isPresent()) {
      try {
        scheduler.wakeAt(wake, next.get());
      } catch (RuntimeException e) {
        log.warn("could not schedule the {} digest: {}", team.id(), e.toString());
      }
    } else {
      cancelQuietly(wake);
    }
  }

  /** The team digest's wake-up: posts this occurrence's digest, then schedules the next. */
  public void teamDigest(String teamId) {
    Optional<SupportTeam> found = teams.byId(teamId);
    if (found.isEmpty() || found.get().policy().digest().team().isEmpty()) {
      cancelQuietly(new WakeUp.TeamDigest(teamId));
      return;
    }
    SupportTeam team = found.get();
    Instant now = clock.instant();
    occurrence(team.policy().digest().team().get(), now)
        .ifPresent(
            occurrence -> {
              for (Destination.Channel where : channels(team)) {
                post(team, where, occurrence, now);
              }
            });
    schedule(team);
  }

  /** The latest fire time at or before now, within the last hour (a late wake-up still counts). */
  static Optional<Instant> occurrence(CronSchedule cron, Instant now) {
    Optional<Instant> latest = Optional.empty();
    Optional<Instant> t = cron.nextAfter(now.minus(Duration.ofHours(1)));
    while (t.isPresent() && !t.get().isAfter(now)) {
      latest = t;
      t = cron.nextAfter(t.get());
    }
    return latest;
  }

  /** The team's channels, per workspace: named ones, and bare ids in every workspace using them. */
  private List<Destination.Channel> channels(SupportTeam team) {
    List<Destination.Channel> out = new ArrayList<>();
    for (String c : team.channels()) {
      int slash = c.indexOf('/');
      if (slash > 0) {
        out.add(
            new Destination.Channel(
                TenantId.fromKey(c.substring(0, slash)), c.substring(slash + 1)));
      } else {
        for (TenantId tenant : cases.tenantsWithChannel(c)) {
          out.add(new Destination.Channel(tenant, c));
        }
      }
    }
    return out;
  }

  private void post(SupportTeam team, Destination.Channel where, Instant occurrence, Instant now) {
    DedupeKey key = DedupeKey.teamDigest(team.id(), where.tenant(), where.channelId(), occurrence);
    if (outbox.exists(key)) {
      return;
    }
    List<SupportCase> open = new ArrayList<>();
    for (SupportCase c : cases.list(where.tenant(), OPEN, Optional.empty(), 500)) {
      if (cards.teamOf(c).id().equals(team.id())) {
        open.add(c);
      }
    }
    if (open.isEmpty()) {
      log.info("team digest skipped team={} tenant={}: no open cases", team.id(), where.tenant());
      return;
    }
    Message message = teamMessage(team, where.tenant(), open, now);
    long id = outbox.enqueue(OutboxEntry.message(key, where, message, Optional.empty(), now));
    log.info(
        "team digest queued team={} tenant={} channel={} open={}",
        team.id(),
        where.tenant(),
        where.channelId(),
        open.size());
    delivery.deliver(id);
  }

  private Message teamMessage(
      SupportTeam team, TenantId tenant, List<SupportCase> open, Instant now) {
    List<SupportCase> unclaimed = new ArrayList<>();
    List<String> atRisk = new ArrayList<>();
    Map<String, Integer> perOwner = new LinkedHashMap<>();
    int dueSoon = 0;
    int breached = 0;
    for (SupportCase c : open) {
      if (c.status() == CaseStatus.UNCLAIMED) {
        unclaimed.add(c);
      } else {
        c.ownerId().ifPresent(o -> perOwner.merge(directory.name(tenant, o), 1, Integer::sum));
      }
      for (SlaStatus s : cards.sla(c)) {
        if (s.state() == SlaState.DUE_SOON || s.state() == SlaState.BREACHED) {
          if (s.state() == SlaState.DUE_SOON) {
            dueSoon++;
          } else {
            breached++;
          }
          atRisk.add(
              CaseViews.title(c)
                  + ": "
                  + s.metric().label()
                  + " "
                  + (s.state() == SlaState.BREACHED
                      ? "breached"
                      : "due in " + TimeFormats.span(s.remaining())));
          break;
        }
      }
    }
    String date = now.atZone(team.zone()).format(DAY);
    String summary =
        open.size()
            + " open · "
            + unclaimed.size()
            + " unclaimed · "
            + dueSoon
            + " due soon · "
            + breached
            + " breached";
    Message.Builder b =
        Message.builder(team.name() + " digest for " + date + ": " + summary)
            .header(team.name() + " digest · " + date)
            .section(summary);
    if (!unclaimed.isEmpty()) {
      b.section("Waiting for an owner:");
      for (SupportCase c : unclaimed.subList(0, Math.min(LIST, unclaimed.size()))) {
        b.section(CaseViews.line(c, id -> directory.name(tenant, id), now));
        b.actions(
            List.of(
                Button.primary("Claim", "claim " + c.number()),
                Button.of("Open case", "show " + c.number())));
      }
    }
    if (!atRisk.isEmpty()) {
      b.section(
          "SLA at risk:\n" + String.join("\n", atRisk.subList(0, Math.min(LIST, atRisk.size()))));
    }
    if (!perOwner.isEmpty()) {
      StringBuilder owners = new StringBuilder("By owner: ");
      perOwner.forEach(
          (name, n) ->
              owners.append(owners.length() > 10 ? " · " : "").append(name).append(' ').append(n));
      b.section(owners.toString());
    }
    b.context("`cases unclaimed` and `cases report week` for more.");
    return b.build();
  }

  /**
   * Sends personal digests that are due: it is 9:00-11:00 on a working day where the person is,
   * their team wants personal digests, they have not turned theirs off, and they have something
   * open. Returns how many were sent.
   */
  public int personalDigests() {
    Instant now = clock.instant();
    int sent = 0;
    for (Person p : people.digestRecipients(10_000)) {
      SupportTeam team = teams.teamsOf(p.ref()).stream().findFirst().orElse(teams.fallback());
      if (!team.policy().digest().personal()) {
        continue;
      }
      ZonedDateTime local = now.atZone(p.zone());
      LocalDate today = local.toLocalDate();
      Set<DayOfWeek> workdays =
          p.workingHours()
              .map(wh -> wh.days())
              .orElse(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
      LocalTime time = local.toLocalTime();
      if (!workdays.contains(today.getDayOfWeek())
          || team.policy().calendar().holidays().contains(today)
          || time.isBefore(MORNING)
          || !time.isBefore(MORNING.plus(MORNING_WINDOW))) {
        continue;
      }
      DedupeKey key = DedupeKey.personalDigest(p.ref(), today);
      if (outbox.exists(key)) {
        continue;
      }
      Optional<Message> message = personalMessage(p, today, now);
      if (message.isEmpty()) {
        continue;
      }
      long id =
          outbox.enqueue(
              OutboxEntry.message(
                  key, new Destination.Direct(p.ref()), message.get(), Optional.empty(), now));
      delivery.deliver(id);
      sent++;
    }
    return sent;
  }

  private Optional<Message> personalMessage(Person p, LocalDate today, Instant now) {
    List<SupportCase> mine =
        cases.list(
            p.tenant(),
            EnumSet.of(CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER),
            Optional.of(p.userId()),
            LIST + 1);
    List<Reminder> todays =
        reminders.active(p.tenant(), p.userId(), 100).stream()
            .filter(r -> !r.dueAt().atZone(p.zone()).toLocalDate().isAfter(today))
            .toList();
    if (mine.isEmpty() && todays.isEmpty()) {
      return Optional.empty();
    }
    String summary =
        "Good morning, "
            + p.displayName()
            + ". You have "
            + count(mine.size(), LIST, "open case")
            + " and "
            + count(todays.size(), 100, "follow-up")
            + " for today.";
    Message.Builder b = Message.builder(summary).section(summary);
    if (!mine.isEmpty()) {
      StringBuilder lines = new StringBuilder("Your cases:");
      for (SupportCase c : mine.subList(0, Math.min(LIST, mine.size()))) {
        lines.append('\n').append(CaseViews.line(c, id -> directory.name(p.tenant(), id), now));
      }
      b.section(lines.toString());
    }
    if (!todays.isEmpty()) {
      StringBuilder lines = new StringBuilder("Today's follow-ups:");
      for (Reminder r : todays.subList(0, Math.min(LIST, todays.size()))) {
        Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(p.tenant(), id));
        lines.append('\n').append(ReminderViews.line(r, about, p.zone(), now));
      }
      b.section(lines.toString());
    }
    b.context("`cases mine` · `reminders` · `digest off` stops these morning notes.");
    return Optional.of(b.build());
  }

  private static String count(int n, int cap, String noun) {
    String shown = n > cap ? cap + "+" : Integer.toString(n);
    return shown + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@code digest on|off}. */
  public Reply setPersonal(Caller caller, boolean on) {
    directory.remember(caller.asPerson());
    people.setDigestOff(caller.tenant(), caller.userId(), !on);
    SupportTeam team = teams.teamsOf(caller.ref()).stream().findFirst().orElse(teams.fallback());
    if (!on) {
      return Reply.privately(
          "Okay, no more morning digests for you. `digest on` brings them back.");
    }
    return Reply.privately(
        "Okay: on working days at 9:00 ("
            + caller.zone().getId()
            + ") I'll send you your open cases and the day's follow-ups, when there are any."
            + (team.policy().digest().personal()
                ? ""
                : " (Your team has personal digests turned off, so ask an admin to turn them on.)"));
  }

  private void cancelQuietly(WakeUp wake) {
    try {
      scheduler.cancel(wake);
    } catch (RuntimeException e) {
      log.warn("could not unschedule {}: {}", wake.key(), e.toString());
    }
  }
}
