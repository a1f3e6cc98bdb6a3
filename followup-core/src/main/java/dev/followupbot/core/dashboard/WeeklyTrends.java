package dev.followupbot.core.dashboard;

import dev.followupbot.core.domain.CaseFeedback;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.FeedbackRepository;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The dashboard's reports: per week (Monday to Sunday in the reader's zone), for cases opened that
 * week, the median times to claim, first response and resolution in each case's team's business
 * hours (as the SLA counts them), the share of decided SLA targets met, and the CSAT scores
 * recorded that week.
 */
public final class WeeklyTrends {

  /** More cases than this in the period are left out of the figures (the oldest are kept). */
  static final int MAX_CASES = 20_000;

  private final CaseRepository cases;
  private final FeedbackRepository feedback;
  private final CaseCards cards;
  private final Clock clock;

  public WeeklyTrends(
      CaseRepository cases, FeedbackRepository feedback, CaseCards cards, Clock clock) {
    this.cases = cases;
    this.feedback = feedback;
    this.cards = cards;
    this.clock = clock;
  }

  /** One week's figures; durations are empty when no case of the week got that far. */
  public record Week(
      LocalDate monday,
      int opened,
      Optional<Duration> toClaim,
      Optional<Duration> toFirstResponse,
      Optional<Duration> toResolution,
      int slaMet,
      int slaDecided,
      OptionalDouble csatAverage,
      int csatCount) {

    /** Met targets as a share of decided ones (met or breached), when any were decided. */
    public OptionalDouble slaMetPercent() {
      return slaDecided == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(100.0 * slaMet / slaDecided);
    }
  }

  /** The last {@code count} weeks, oldest first, the current one last, for the cases in scope. */
  public List<Week> weeks(TenantId tenant, Predicate<SupportCase> inScope, ZoneId zone, int count) {
    Instant now = clock.instant();
    LocalDate thisMonday =
        now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate first = thisMonday.minusWeeks(count - 1L);
    Instant from = first.atStartOfDay(zone).toInstant();
    List<Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      buckets.add(new Bucket(first.plusWeeks(i)));
    }
    Map<Long, Boolean> scope = new HashMap<>();
    for (SupportCase c : cases.createdBetween(tenant, from, now, MAX_CASES)) {
      boolean in = inScope.test(c);
      scope.put(c.id(), in);
      if (!in) {
        continue;
      }
      Bucket b = buckets.get(index(first, c.createdAt().atZone(zone).toLocalDate(), count));
      BusinessCalendar cal = cards.teamOf(c).policy().calendar();
      b.opened++;
      c.claimedAt().ifPresent(t -> b.toClaim.add(cal.between(c.createdAt(), t)));
      c.firstResponseAt().ifPresent(t -> b.toAnswer.add(cal.between(c.createdAt(), t)));
      c.resolvedAt().ifPresent(t -> b.toResolve.add(cal.between(c.createdAt(), t)));
      for (SlaStatus s : cards.sla(c)) {
        if (s.state() == SlaState.MET) {
          b.slaMet++;
          b.slaDecided++;
        } else if (s.state() == SlaState.BREACHED) {
          b.slaDecided++;
        }
      }
    }
    for (CaseFeedback f : feedback.between(tenant, from, now)) {
      boolean in =
          scope.computeIfAbsent(
              f.caseId(), id -> cases.findById(tenant, id).map(inScope::test).orElse(false));
      if (in) {
        buckets.get(index(first, f.recordedAt().atZone(zone).toLocalDate(), count)).scores.add(f);
      }
    }
    return buckets.stream().map(Bucket::week).toList();
  }

  private static int index(LocalDate first, LocalDate day, int count) {
    long weeks = java.time.temporal.ChronoUnit.WEEKS.between(first, day);
    return (int) Math.max(0, Math.min(count - 1, weeks));
  }

  /** The median, the mean of the two middle values for an even count. */
  static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return Optional.of(
        n % 2 == 1
            ? sorted.get(n / 2)
            : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
  }

  private static final class Bucket {
    final LocalDate monday;
    int opened;
    final List<Duration> toClaim = new ArrayList<>();
    final List<Duration> toAnswer = new ArrayList<>();
    final List<Duration> toResolve = new ArrayList<>();
    int slaMet;
    int slaDecided;
    final List<CaseFeedback> scores = new ArrayList<>();

    Bucket(LocalDate monday) {
      this.monday = monday;
    }

    Week week() {
      return new Week(
          monday,
          opened,
          median(toClaim),
          median(toAnswer),
          median(toResolve),
          slaMet,
          slaDecided,
          scores.stream().mapToInt(CaseFeedback::score).average(),
          scores.size());
    }
  }
}
