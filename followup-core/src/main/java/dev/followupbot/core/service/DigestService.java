package dev.followupbot.core.service;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
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
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digests: each team's summary in its channel on its cron schedule (in the team's zone), and each
 * person's 9:00 summary in their own zone on their working days. A digest with nothing to say is
 * not sent; each is sent at most once per occurrence, whatever wakes it. This class schedules and
 * sends; {@link DigestRules} decides who gets which digest when, {@link DigestReplies} words them.
 */
public final class DigestService {

  private static final Logger log = LoggerFactory.getLogger(DigestService.class);

  private final SupportTeams teams;
  private final PersonRepository people;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final Directory directory;
  private final DeliveryService delivery;
  private final DigestRules rules;
  private final DigestReplies replies;
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
    this.people = people;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.directory = directory;
    this.delivery = delivery;
    this.rules = new DigestRules(teams, cases, reminders, cards);
    this.replies = new DigestReplies(cards, directory);
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
    DigestRules.occurrence(team.policy().digest().team().get(), now)
        .ifPresent(
            occurrence -> {
              for (Destination.Channel where : rules.channels(team)) {
                post(team, where, occurrence, now);
              }
            });
    schedule(team);
  }

  private void post(SupportTeam team, Destination.Channel where, Instant occurrence, Instant now) {
    DedupeKey key = DedupeKey.teamDigest(team.id(), where.tenant(), where.channelId(), occurrence);
    if (outbox.exists(key)) {
      return;
    }
    List<SupportCase> open = rules.openCases(team, where.tenant());
    if (open.isEmpty()) {
      log.info("team digest skipped team={} tenant={}: no open cases", team.id(), where.tenant());
      return;
    }
    Message message = replies.team(team, where.tenant(), open, now);
    long id = outbox.enqueue(OutboxEntry.message(key, where, message, Optional.empty(), now));
    log.info(
        "team digest queued team={} tenant={} channel={} open={}",
        team.id(),
        where.tenant(),
        where.channelId(),
        open.size());
    delivery.deliver(id);
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
      Optional<LocalDate> today = rules.morningOf(p, now);
      if (today.isEmpty()) {
        continue;
      }
      DedupeKey key = DedupeKey.personalDigest(p.ref(), today.get());
      if (outbox.exists(key)) {
        continue;
      }
      List<SupportCase> mine = rules.ownCases(p);
      List<Reminder> todays = rules.followUps(p, today.get());
      if (mine.isEmpty() && todays.isEmpty()) {
        continue;
      }
      Message message = replies.personal(p, mine, todays, r -> rules.about(p, r), now);
      long id =
          outbox.enqueue(
              OutboxEntry.message(
                  key, new Destination.Direct(p.ref()), message, Optional.empty(), now));
      delivery.deliver(id);
      sent++;
    }
    return sent;
  }

  /** {@code digest on|off}. */
  public Reply setPersonal(Caller caller, boolean on) {
    directory.remember(caller.asPerson());
    people.setDigestOff(caller.tenant(), caller.userId(), !on);
    SupportTeam team = rules.teamOf(caller.ref());
    if (!on) {
      return replies.personalOff();
    }
    return replies.personalOn(caller.zone(), team.policy().digest().personal());
  }

  private void cancelQuietly(WakeUp wake) {
    try {
      scheduler.cancel(wake);
    } catch (RuntimeException e) {
      log.warn("could not unschedule {}: {}", wake.key(), e.toString());
    }
  }
}
