package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.NudgeKind;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.NudgeRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Rotations;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.EscalationAction;
import dev.followupbot.core.team.EscalationStep;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A case's timers: the unclaimed case's nudge and escalation chain, the stale owner's nudge and its
 * escalation to the lead, and the SLA warning and breach. Nothing is stored about what is
 * "scheduled": each evaluation works out from the case, its history, its team's policy and the
 * clock what is due now (and records it as nudges, once each by key) and when to look again.
 * Claiming, answering or resolving the case simply makes the next evaluation find nothing due.
 */
public final class CaseWatch {

  private static final Logger log = LoggerFactory.getLogger(CaseWatch.class);

  private final CaseRepository cases;
  private final NudgeRepository nudges;
  private final Rotations rotations;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final CaseCards cards;
  private final Availabilities availability;
  private final NudgeService nudgeService;
  private final DeliveryService delivery;
  private final SlaWatch slaWatch;
  private final Later later;
  private final OpenCaseRechecks rechecks;
  private final Clock clock;

  /**
   * Case wake-ups this process asked Quartz for. A case with no timer is only unscheduled if it is
   * here: every unschedule takes Quartz's trigger lock, and most changes (a claim, a reply) leave
   * nothing to unschedule. A wake-up scheduled elsewhere and not cancelled is harmless: it only
   * makes the next evaluation happen.
   */
  private final java.util.Set<WakeUp> scheduledHere =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public CaseWatch(
      CaseRepository cases,
      NudgeRepository nudges,
      Rotations rotations,
      Outbox outbox,
      ReminderScheduler scheduler,
      CaseCards cards,
      Directory directory,
      NudgeService nudgeService,
      DeliveryService delivery,
      SlaWatch slaWatch,
      Later later,
      OpenCaseRechecks rechecks,
      Clock clock) {
    this.cases = cases;
    this.nudges = nudges;
    this.rotations = rotations;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.cards = cards;
    this.availability = new Availabilities(directory);
    this.nudgeService = nudgeService;
    this.delivery = delivery;
    this.slaWatch = slaWatch;
    this.later = later;
    this.rechecks = rechecks;
    this.clock = clock;
  }

  private record Change(TenantId tenant, long caseId) {}

  /**
   * Re-checks the case's timers after a change, soon and off the caller's thread, so that the
   * answer to a command does not wait for it. Changes to one case in quick succession are checked
   * once, and never two at once. A check that fails asks the next sweep to re-check every open
   * case.
   */
  public void afterChange(TenantId tenant, long caseId) {
    later.soon(
        new Change(tenant, caseId),
        () -> {
          try {
            evaluate(tenant, caseId);
          } catch (RuntimeException e) {
            rechecks.request();
            log.warn(
                "could not re-check the timers of case id {} in {}; the next sweep will: {}",
                caseId,
                tenant,
                e.toString());
          }
        });
  }

  /** What one evaluation found: nudges to record, cards to refresh, when to look again. */
  private static final class Plan {
    final List<Nudge> nudges = new ArrayList<>();
    final List<OutboxEntry> refreshes = new ArrayList<>();
    Optional<Instant> next = Optional.empty();

    void lookAgainAt(Instant at) {
      if (next.isEmpty() || at.isBefore(next.get())) {
        next = Optional.of(at);
      }
    }
  }

  /**
   * Works out what is due for the case now and when to look again, and reports SLA state changes.
   * Safe to call any time.
   */
  public void evaluate(TenantId tenant, long caseId) {
    WakeUp wake = new WakeUp.CaseTimers(tenant, caseId);
    Optional<SupportCase> found = cases.findById(tenant, caseId);
    if (found.isEmpty()) {
      cancelQuietly(wake);
      return;
    }
    SupportCase c = found.get();
    List<CaseEvent> history = cases.history(tenant, caseId);
    observeSla(c, history);
    if (!c.status().isOpen()) {
      cancelQuietly(wake);
      return;
    }
    Instant now = clock.instant();
    SupportTeam team = cards.teamOf(c);
    Plan plan = new Plan();
    unclaimed(c, team, now, plan);
    stale(c, team, now, plan);
    sla(c, team, history, now, plan);

    List<Long> refreshes = new ArrayList<>();
    for (OutboxEntry e : plan.refreshes) {
      refreshes.add(outbox.enqueue(e));
    }
    delivery.deliverAll(refreshes);
    for (Nudge draft : plan.nudges) {
      nudges
          .insertIfNew(draft)
          .ifPresent(
              n -> {
                log.info(
                    "nudge decided tenant={} case={} kind={} step={} to={}{} deliver_after={}",
                    tenant,
                    c.number(),
                    n.kind(),
                    n.step(),
                    n.toChannel() ? "#" : "",
                    n.recipientId(),
                    n.deliverAfter());
                if (n.deliverAfter().isAfter(now)) {
                  scheduleQuietly(new WakeUp.NudgesDue(n.id()), n.deliverAfter());
                } else {
                  nudgeService.flushFor(n.id());
                }
              });
    }
    if (plan.next.isPresent()) {
      scheduleQuietly(wake, plan.next.get());
    } else {
      cancelQuietly(wake);
    }
  }

  private void observeSla(SupportCase c, List<CaseEvent> history) {
    try {
      slaWatch.observe(c, history);
    } catch (RuntimeException e) {
      log.warn(
          "could not check the SLA states of case {} in {}; the next evaluation will: {}",
          c.number(),
          c.tenant(),
          e.toString());
    }
  }

  /** The channel nudge, then the escalation chain, repeated as configured. */
  private void unclaimed(SupportCase c, SupportTeam team, Instant now, Plan plan) {
    TeamPolicy.Unclaimed policy = team.policy().unclaimed();
    if (c.status() != CaseStatus.UNCLAIMED || policy.nudgeAfter().isEmpty()) {
      return;
    }
    BusinessCalendar cal = team.policy().calendar();
    Instant since = c.lastActivityAt();
    List<EscalationStep> steps = new ArrayList<>();
    steps.add(
        new EscalationStep(
            policy.nudgeAfter().get(), EscalationAction.NUDGE_CHANNEL, Optional.empty()));
    for (int round = 0; round <= policy.repeat(); round++) {
      steps.addAll(policy.escalation());
    }
    Instant at = since;
    for (int k = 0; k < steps.size(); k++) {
      EscalationStep step = steps.get(k);
      at = cal.plus(at, step.after());
      if (at.isAfter(now)) {
        plan.lookAgainAt(at);
        return;
      }
      String key = "u:" + c.id() + ":" + since.toEpochMilli() + ":" + k;
      unclaimedNudge(c, team, step, key, k, at, now, plan);
    }
  }

  private void unclaimedNudge(
      SupportCase c,
      SupportTeam team,
      EscalationStep step,
      String key,
      int k,
      Instant due,
      Instant now,
      Plan plan) {
    TenantId tenant = c.tenant();
    switch (step.action()) {
      case MENTION_LEADS:
        plan.nudges.add(
            toChannel(c, team, NudgeKind.UNCLAIMED, k, key, team.leadsIn(tenant), due, now));
        return;
      case DM:
        plan.nudges.add(
            toPerson(c, team, NudgeKind.UNCLAIMED, k, key, step.to().orElseThrow(), due, now));
        return;
      case DM_NEXT_MEMBER:
        List<String> members = team.membersIn(tenant);
        if (members.isEmpty()) {
          plan.nudges.add(toChannel(c, team, NudgeKind.UNCLAIMED, k, key, List.of(), due, now));
          return;
        }
        if (nudges.exists(key)) {
          return; // already decided; do not move the rotation again
        }
        plan.nudges.add(
            toPerson(
                c,
                team,
                NudgeKind.UNCLAIMED,
                k,
                key,
                nextMember(team, tenant, members, now),
                due,
                now));
        return;
      case NUDGE_CHANNEL:
      default:
        plan.nudges.add(toChannel(c, team, NudgeKind.UNCLAIMED, k, key, List.of(), due, now));
    }
  }

  /** The member whose turn it is, skipping anyone who cannot be reached right now. */
  private String nextMember(SupportTeam team, TenantId tenant, List<String> members, Instant now) {
    int start = rotations.next(team.id(), tenant, members.size());
    for (int i = 0; i < members.size(); i++) {
      String candidate = members.get((start + i) % members.size());
      if (availability.ofPerson(team, tenant, candidate).nextAllowed(now).equals(now)) {
        return candidate;
      }
    }
    return members.get(start);
  }

  /** The owner's nudge after {@code stale.after} of silence, then the leads. */
  private void stale(SupportCase c, SupportTeam team, Instant now, Plan plan) {
    TeamPolicy.Stale policy = team.policy().stale();
    if (c.status() != CaseStatus.CLAIMED || policy.after().isEmpty() || c.ownerId().isEmpty()) {
      return;
    }
    BusinessCalendar cal = team.policy().calendar();
    Instant since = c.lastActivityAt();
    String episode = c.id() + ":" + since.toEpochMilli();
    Instant ownerAt = cal.plus(since, policy.after().get());
    if (ownerAt.isAfter(now)) {
      plan.lookAgainAt(ownerAt);
      return;
    }
    plan.nudges.add(
        toPerson(
            c, team, NudgeKind.STALE, 0, "s:" + episode + ":0", c.ownerId().get(), ownerAt, now));
    if (policy.escalateAfter().isEmpty()) {
      return;
    }
    Instant leadAt = cal.plus(ownerAt, policy.escalateAfter().get());
    if (leadAt.isAfter(now)) {
      plan.lookAgainAt(leadAt);
      return;
    }
    toLeads(c, team, NudgeKind.STALE, 1, "s:" + episode + ":1", leadAt, now, plan);
  }

  /** Due-soon warnings to the owner (or channel), breaches to the leads, and card refreshes. */
  private void sla(
      SupportCase c, SupportTeam team, List<CaseEvent> history, Instant now, Plan plan) {
    for (SlaStatus s : cards.sla(c, history)) {
      String episode = c.id() + ":" + s.metric().name() + ":" + s.since().toEpochMilli();
      s.nextChange().ifPresent(plan::lookAgainAt);
      if (s.state() == SlaState.DUE_SOON || s.state() == SlaState.BREACHED) {
        plan.refreshes.add(
            OutboxEntry.cardRefreshFor(
                c.tenant(), c.id(), "sla:" + episode + ":" + s.state().name(), now));
      }
      if (s.state() == SlaState.DUE_SOON) {
        String key = "sla:" + episode + ":warn";
        plan.nudges.add(
            c.ownerId().isPresent() && c.status() != CaseStatus.UNCLAIMED
                ? toPerson(
                    c,
                    team,
                    NudgeKind.SLA_WARNING,
                    s.metric().ordinal(),
                    key,
                    c.ownerId().get(),
                    now,
                    now)
                : toChannel(
                    c,
                    team,
                    NudgeKind.SLA_WARNING,
                    s.metric().ordinal(),
                    key,
                    List.of(),
                    now,
                    now));
      }
      if (s.state() == SlaState.BREACHED) {
        toLeads(
            c,
            team,
            NudgeKind.SLA_BREACH,
            s.metric().ordinal(),
            "sla:" + episode + ":breach",
            now,
            now,
            plan);
      }
    }
  }

  /** Tells the team's leads (or its channel) that a customer gave the case a low score. */
  public void lowScore(SupportCase c, int score, Instant now) {
    SupportTeam team = cards.teamOf(c);
    Plan plan = new Plan();
    toLeads(
        c,
        team,
        NudgeKind.LOW_CSAT,
        score,
        "csat:" + c.id() + ":" + now.toEpochMilli(),
        now,
        now,
        plan);
    for (Nudge draft : plan.nudges) {
      nudges.insertIfNew(draft).ifPresent(n -> nudgeService.flushFor(n.id()));
    }
  }

  /** A message to each lead, or to the channel when the team has none. */
  private void toLeads(
      SupportCase c,
      SupportTeam team,
      NudgeKind kind,
      int step,
      String key,
      Instant due,
      Instant now,
      Plan plan) {
    List<String> leads = team.leadsIn(c.tenant());
    if (leads.isEmpty()) {
      plan.nudges.add(toChannel(c, team, kind, step, key, List.of(), due, now));
      return;
    }
    for (String lead : leads) {
      plan.nudges.add(toPerson(c, team, kind, step, key + ":" + lead, lead, due, now));
    }
  }

  private Nudge toChannel(
      SupportCase c,
      SupportTeam team,
      NudgeKind kind,
      int step,
      String key,
      List<String> mentions,
      Instant due,
      Instant now) {
    Instant after = availability.ofChannel(team).nextAllowed(due.isAfter(now) ? due : now);
    return Nudge.draft(
        c.tenant(), key, c.id(), kind, step, true, c.channelId(), mentions, due, after);
  }

  private Nudge toPerson(
      SupportCase c,
      SupportTeam team,
      NudgeKind kind,
      int step,
      String key,
      String userId,
      Instant due,
      Instant now) {
    Instant after =
        availability.ofPerson(team, c.tenant(), userId).nextAllowed(due.isAfter(now) ? due : now);
    return Nudge.draft(c.tenant(), key, c.id(), kind, step, false, userId, List.of(), due, after);
  }

  /** A case's wake-up fired: Quartz no longer holds it. */
  public void woken(TenantId tenant, long caseId) {
    scheduledHere.remove(new WakeUp.CaseTimers(tenant, caseId));
    evaluate(tenant, caseId);
  }

  private void scheduleQuietly(WakeUp wake, Instant at) {
    try {
      scheduler.wakeAt(wake, at);
      if (wake instanceof WakeUp.CaseTimers) {
        scheduledHere.add(wake);
      }
    } catch (RuntimeException e) {
      log.warn("could not schedule {}; the sweep will catch up: {}", wake.key(), e.toString());
    }
  }

  private void cancelQuietly(WakeUp wake) {
    if (!scheduledHere.remove(wake)) {
      return;
    }
    try {
      scheduler.cancel(wake);
    } catch (RuntimeException e) {
      log.warn("could not unschedule {}: {}", wake.key(), e.toString());
    }
  }
}
