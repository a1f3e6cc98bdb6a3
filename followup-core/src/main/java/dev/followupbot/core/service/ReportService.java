package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseFeedback;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cases report}: the team's numbers over the last week or month, for cases opened in that
 * time. Durations are medians in the team's business hours, as the SLA counts them.
 */
public final class ReportService {

  private static final int MAX_CASES = 5000;

  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final FeedbackRepository feedback;
  private final CaseCards cards;
  private final SupportTeams teams;
  private final Clock clock;

  public ReportService(
      CaseRepository cases,
      ReminderRepository reminders,
      FeedbackRepository feedback,
      CaseCards cards,
      SupportTeams teams,
      Clock clock) {
    this.teams = teams;
    this.cases = cases;
    this.reminders = reminders;
    this.feedback = feedback;
    this.cards = cards;
    this.clock = clock;
  }

  public Reply report(Caller caller, Command.ReportPeriod period) {
    Instant now = clock.instant();
    Instant from =
        now.minus(period == Command.ReportPeriod.WEEK ? Duration.ofDays(7) : Duration.ofDays(30));
    SupportTeam team = teams.forChannel(caller.tenant(), caller.channelId());
    BusinessCalendar cal = team.policy().calendar();
    List<SupportCase> opened = new ArrayList<>();
    for (SupportCase c : cases.createdBetween(caller.tenant(), from, now, MAX_CASES)) {
      if (cards.teamOf(c).id().equals(team.id())) {
        opened.add(c);
      }
    }
    List<Duration> toClaim = new ArrayList<>();
    List<Duration> toAnswer = new ArrayList<>();
    List<Duration> toResolve = new ArrayList<>();
    List<Duration> toAnswerAgain = new ArrayList<>();
    int slaMet = 0;
    int slaFinal = 0;
    java.util.Set<Long> caseIds = new java.util.HashSet<>();
    for (SupportCase c : opened) {
      caseIds.add(c.id());
      c.claimedAt().ifPresent(t -> toClaim.add(cal.between(c.createdAt(), t)));
      c.firstResponseAt().ifPresent(t -> toAnswer.add(cal.between(c.createdAt(), t)));
      c.resolvedAt().ifPresent(t -> toResolve.add(cal.between(c.createdAt(), t)));
      if (c.source().isPresent()) {
        toAnswerAgain.addAll(
            dev.followupbot.core.sla.SlaClock.nextResponseTimes(
                cases.history(c.tenant(), c.id()), cal));
      }
      for (SlaStatus s : cards.sla(c)) {
        if (s.state() == SlaState.MET) {
          slaMet++;
          slaFinal++;
        } else if (s.state() == SlaState.BREACHED) {
          slaFinal++;
        }
      }
    }
    List<CaseFeedback> scores =
        feedback.between(caller.tenant(), from, now).stream()
            .filter(f -> team.implicit() || caseIds.contains(f.caseId()))
            .toList();
    int followUps = reminders.countCompleted(caller.tenant(), ReminderStatus.DONE, from, now);
    String label = period.name().toLowerCase(Locale.ROOT);
    String title =
        (team.implicit() ? "Cases" : team.name())
            + ": the last "
            + label
            + " ("
            + TimeFormats.when(from, caller.zone(), now)
            + " to now)";
    List<Block.Fact> facts = new ArrayList<>();
    facts.add(new Block.Fact("Cases opened", Integer.toString(opened.size())));
    facts.add(new Block.Fact("Median time to claim", median(toClaim)));
    facts.add(new Block.Fact("Median time to first response", median(toAnswer)));
    facts.add(new Block.Fact("Median time to resolution", median(toResolve)));
    if (!toAnswerAgain.isEmpty()) {
      facts.add(new Block.Fact("Median time to next response", median(toAnswerAgain)));
    }
    facts.add(
        new Block.Fact(
            "SLA targets met",
            slaFinal == 0
                ? "none decided yet"
                : percent(slaMet, slaFinal) + " (" + slaMet + " of " + slaFinal + ")"));
    facts.add(
        new Block.Fact(
            team.implicit() ? "Follow-ups done" : "Follow-ups done (whole workspace)",
            Integer.toString(followUps)));
    facts.add(
        new Block.Fact(
            "CSAT",
            scores.isEmpty()
                ? "no scores yet"
                : String.format(
                        Locale.ROOT,
                        "%.1f / 5",
                        scores.stream().mapToInt(CaseFeedback::score).average().orElse(0))
                    + " from "
                    + scores.size()
                    + (scores.size() == 1 ? " score" : " scores")));
    StringBuilder fallback = new StringBuilder(title);
    for (Block.Fact f : facts) {
      fallback.append("; ").append(f.label()).append(": ").append(f.value());
    }
    return Reply.privately(
        Message.builder(fallback.toString())
            .header(title)
            .facts(facts)
            .context(
                "Cases opened in this "
                    + label
                    + (team.implicit() ? "" : " in " + team.label() + "'s channels")
                    + "; durations in business hours ("
                    + cal.describe()
                    + ").")
            .build());
  }

  static String median(List<Duration> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    Duration m =
        n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    return TimeFormats.span(m) + " (" + n + ")";
  }

  private static String percent(int part, int whole) {
    return Math.round(100.0 * part / whole) + "%";
  }
}
