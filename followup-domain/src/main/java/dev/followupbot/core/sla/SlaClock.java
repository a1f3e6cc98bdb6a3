package dev.followupbot.core.sla;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out a case's SLA targets from the case, its history and its team's policy, at a moment.
 * Pure: the same inputs give the same answer, so the card, the nudges and the reports agree. Time
 * counts in the team's business hours; time waiting on the customer does not count toward the
 * resolution target, which moves the deadline by the paused time.
 */
public final class SlaClock {

  private SlaClock() {}

  /** Every target the team sets for this case's priority. */
  public static List<SlaStatus> evaluate(
      SupportCase c, List<CaseEvent> history, TeamPolicy policy, Instant now) {
    List<SlaStatus> out = new ArrayList<>();
    Duration first = policy.sla().firstResponse().get(c.priority());
    if (first != null) {
      out.add(firstResponse(c, first, policy, now));
    }
    Duration resolution = policy.sla().resolution().get(c.priority());
    if (resolution != null) {
      out.add(resolution(c, history, resolution, policy, now));
    }
    Duration next = policy.sla().nextResponse().get(c.priority());
    if (next != null) {
      nextResponse(c, history, next, policy, now).ifPresent(out::add);
    }
    return out;
  }

  /**
   * From the customer's last reply while the case waited on them to the team's next answer: none
   * until the customer has replied so. A resolved case has no next response to give.
   */
  private static Optional<SlaStatus> nextResponse(
      SupportCase c, List<CaseEvent> history, Duration target, TeamPolicy policy, Instant now) {
    Optional<Instant> since = Optional.empty();
    Optional<Instant> answered = Optional.empty();
    for (CaseEvent e : history) {
      if (e.action() == CaseAction.CUSTOMER_REPLIED) {
        since = Optional.of(e.at());
        answered = Optional.empty();
      } else if (since.isPresent() && answered.isEmpty() && answers(e)) {
        answered = Optional.of(e.at());
      }
    }
    if (since.isEmpty()) {
      return Optional.empty();
    }
    BusinessCalendar cal = policy.calendar();
    if (answered.isPresent()) {
      Duration used = cal.between(since.get(), answered.get());
      return Optional.of(finished(SlaMetric.NEXT_RESPONSE, target, since.get(), used));
    }
    if (!c.status().isOpen()) {
      return Optional.empty();
    }
    Duration used = cal.between(since.get(), now);
    return Optional.of(
        running(SlaMetric.NEXT_RESPONSE, target, since.get(), used, false, policy, now));
  }

  /**
   * Every next response the history holds, in business time: from each customer reply while the
   * case waited on them to the team's next answer.
   */
  public static List<Duration> nextResponseTimes(List<CaseEvent> history, BusinessCalendar cal) {
    List<Duration> out = new ArrayList<>();
    Optional<Instant> since = Optional.empty();
    for (CaseEvent e : history) {
      if (e.action() == CaseAction.CUSTOMER_REPLIED) {
        since = since.or(() -> Optional.of(e.at()));
      } else if (since.isPresent() && answers(e)) {
        out.add(cal.between(since.get(), e.at()));
        since = Optional.empty();
      }
    }
    return out;
  }

  /**
   * When the customer's reply that the team has not answered yet was written, if there is one: the
   * start of the next response the history is waiting for.
   */
  public static Optional<Instant> unansweredSince(List<CaseEvent> history) {
    Optional<Instant> since = Optional.empty();
    for (CaseEvent e : history) {
      if (e.action() == CaseAction.CUSTOMER_REPLIED) {
        since = since.or(() -> Optional.of(e.at()));
      } else if (answers(e)) {
        since = Optional.empty();
      }
    }
    return since;
  }

  /** The team answered the customer: a reply in the thread, an answer, a wait, a resolution. */
  public static boolean answers(CaseEvent e) {
    return e.action() == CaseAction.WAITING
        || e.action() == CaseAction.ANSWERED
        || e.action() == CaseAction.FIRST_RESPONSE
        || e.action() == CaseAction.RESOLVED;
  }

  private static SlaStatus firstResponse(
      SupportCase c, Duration target, TeamPolicy policy, Instant now) {
    BusinessCalendar cal = policy.calendar();
    Instant since = c.createdAt();
    if (c.firstResponseAt().isPresent()) {
      Duration used = cal.between(since, c.firstResponseAt().get());
      return finished(SlaMetric.FIRST_RESPONSE, target, since, used);
    }
    Duration used = cal.between(since, now);
    return running(SlaMetric.FIRST_RESPONSE, target, since, used, false, policy, now);
  }

  private static SlaStatus resolution(
      SupportCase c, List<CaseEvent> history, Duration target, TeamPolicy policy, Instant now) {
    BusinessCalendar cal = policy.calendar();
    Instant since = c.createdAt();
    for (CaseEvent e : history) {
      if (e.action() == CaseAction.REOPENED) {
        since = e.at();
      }
    }
    boolean done = c.status() == CaseStatus.RESOLVED || c.status() == CaseStatus.CLOSED;
    Instant end = done ? c.resolvedAt().filter(r -> !r.isAfter(now)).orElse(now) : now;
    Duration used = cal.between(since, end).minus(paused(history, since, end, cal));
    if (used.isNegative()) {
      used = Duration.ZERO;
    }
    if (done) {
      return finished(SlaMetric.RESOLUTION, target, since, used);
    }
    boolean waiting = c.status() == CaseStatus.WAITING_ON_CUSTOMER;
    return running(SlaMetric.RESOLUTION, target, since, used, waiting, policy, now);
  }

  /** Business time spent waiting on the customer between {@code from} and {@code to}. */
  static Duration paused(List<CaseEvent> history, Instant from, Instant to, BusinessCalendar cal) {
    Duration total = Duration.ZERO;
    Optional<Instant> waitingSince = Optional.empty();
    for (CaseEvent e : history) {
      boolean waits = e.toStatus() == CaseStatus.WAITING_ON_CUSTOMER;
      if (waits && waitingSince.isEmpty()) {
        waitingSince = Optional.of(e.at());
      } else if (!waits && waitingSince.isPresent()) {
        total = total.plus(overlap(waitingSince.get(), e.at(), from, to, cal));
        waitingSince = Optional.empty();
      }
    }
    if (waitingSince.isPresent()) {
      total = total.plus(overlap(waitingSince.get(), to, from, to, cal));
    }
    return total;
  }

  private static Duration overlap(
      Instant a, Instant b, Instant from, Instant to, BusinessCalendar cal) {
    Instant s = a.isAfter(from) ? a : from;
    Instant e = b.isBefore(to) ? b : to;
    return e.isAfter(s) ? cal.between(s, e) : Duration.ZERO;
  }

  private static SlaStatus finished(
      SlaMetric metric, Duration target, Instant since, Duration used) {
    SlaState state = used.compareTo(target) <= 0 ? SlaState.MET : SlaState.BREACHED;
    return new SlaStatus(metric, state, target, since, used, Optional.empty(), Optional.empty());
  }

  private static SlaStatus running(
      SlaMetric metric,
      Duration target,
      Instant since,
      Duration used,
      boolean paused,
      TeamPolicy policy,
      Instant now) {
    BusinessCalendar cal = policy.calendar();
    if (used.compareTo(target) > 0) {
      return new SlaStatus(
          metric, SlaState.BREACHED, target, since, used, Optional.empty(), Optional.empty());
    }
    if (paused) {
      return new SlaStatus(
          metric, SlaState.PAUSED, target, since, used, Optional.empty(), Optional.empty());
    }
    Duration warnAt = Duration.ofMillis(Math.round(target.toMillis() * policy.sla().warnAt()));
    Instant deadline = cal.plus(now, target.minus(used));
    if (used.compareTo(warnAt) >= 0) {
      return new SlaStatus(
          metric,
          SlaState.DUE_SOON,
          target,
          since,
          used,
          Optional.of(deadline),
          Optional.of(deadline.plusMillis(1)));
    }
    Instant warning = cal.plus(now, warnAt.minus(used));
    return new SlaStatus(
        metric, SlaState.RUNNING, target, since, used, Optional.of(deadline), Optional.of(warning));
  }
}
