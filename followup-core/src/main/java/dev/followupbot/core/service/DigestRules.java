package dev.followupbot.core.service;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.schedule.CronSchedule;
import dev.followupbot.core.team.SupportTeam;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets which digest when: which occurrence of a team's schedule a wake-up stands for, the
 * channels a team digest goes to and the open cases it is about, and whether a person's morning
 * digest is due now, with the cases and follow-ups it is about. It words nothing and sends nothing
 * ({@link DigestReplies}, {@link DigestService}).
 */
final class DigestRules {

  private static final LocalTime MORNING = LocalTime.of(9, 0);

  /** A personal digest that could not go out by 11:00 is skipped for the day. */
  private static final Duration MORNING_WINDOW = Duration.ofHours(2);

  private static final Set<CaseStatus> OPEN =
      EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);

  private final SupportTeams teams;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final CaseCards cards;

  DigestRules(
      SupportTeams teams, CaseRepository cases, ReminderRepository reminders, CaseCards cards) {
    this.teams = teams;
    this.cases = cases;
    this.reminders = reminders;
    this.cards = cards;
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
  List<Destination.Channel> channels(SupportTeam team) {
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

  /** The team's open cases in {@code tenant}, the ones its digest is about. */
  List<SupportCase> openCases(SupportTeam team, TenantId tenant) {
    List<SupportCase> open = new ArrayList<>();
    for (SupportCase c : cases.list(tenant, OPEN, Optional.empty(), 500)) {
      if (cards.teamOf(c).id().equals(team.id())) {
        open.add(c);
      }
    }
    return open;
  }

  /** The team whose digest settings apply to {@code user}: their first, or the fallback. */
  SupportTeam teamOf(UserRef user) {
    return teams.teamsOf(user).stream().findFirst().orElse(teams.fallback());
  }

  /**
   * The day whose morning digest {@code p} is due now: it is 9:00-11:00 on a working day where they
   * are and their team wants personal digests.
   */
  Optional<LocalDate> morningOf(Person p, Instant now) {
    SupportTeam team = teamOf(p.ref());
    if (!team.policy().digest().personal()) {
      return Optional.empty();
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
      return Optional.empty();
    }
    return Optional.of(today);
  }

  /** The cases {@code p} owns that are still open, one more than a digest lists. */
  List<SupportCase> ownCases(Person p) {
    return cases.list(
        p.tenant(),
        EnumSet.of(CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER),
        Optional.of(p.userId()),
        DigestReplies.LIST + 1);
  }

  /** {@code p}'s active reminders due by the end of {@code today} in their zone. */
  List<Reminder> followUps(Person p, LocalDate today) {
    return reminders.active(p.tenant(), p.userId(), DigestReplies.FOLLOW_UPS).stream()
        .filter(r -> !r.dueAt().atZone(p.zone()).toLocalDate().isAfter(today))
        .toList();
  }

  /** The case a reminder in a digest is about, if it names one that exists. */
  Optional<SupportCase> about(Person p, Reminder r) {
    return r.caseId().flatMap(id -> cases.findById(p.tenant(), id));
  }
}
