package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.NudgeKey;
import dev.followupbot.core.domain.NudgeKind;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.NudgeRepository;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Rotations;
import dev.followupbot.core.schedule.BusinessCalendar;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.EscalationAction;
import dev.followupbot.core.team.EscalationStep;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a case's timers: from the case, its history, its team's policy and the clock, what
 * is due now (nudges, each with the key that makes it once-only, and card refreshes) and when to
 * look again. It decides; {@link CaseWatch} records and schedules what it decides.
 */
final class CaseTimerRules {

  private final NudgeRepository nudges;
  private final Rotations rotations;
  private final CaseCards cards;
  private final Availabilities availability;
  private final SilenceRule silence;

  CaseTimerRules(
      NudgeRepository nudges, Rotations rotations, CaseCards cards, Directory directory) {
    this.nudges = nudges;
    this.rotations = rotations;
    this.cards = cards;
    this.availability = new Availabilities(directory);
    this.silence = new SilenceRule(directory);
  }

  /** What is due for the open case {@code c} of {@code team} at {@code now}. */
  Plan plan(SupportCase c, SupportTeam team, List<CaseEvent> history, Instant now) {
    Plan plan = new Plan();
    unclaimed(c, team, now, plan);
    stale(c, team, now, plan);
    sla(c, team, history, now, plan);
    silence.plan(c, team, now, plan);
    return plan;
  }

  /** The leads' (or the channel's) notes that a customer gave the case a low score. */
  Plan lowScore(SupportCase c, SupportTeam team, int score, Instant now) {
    Plan plan = new Plan();
    toLeads(c, team, NudgeKind.LOW_CSAT, score, new NudgeKey.LowScore(c.id(), now), now, now, plan);
    return plan;
  }

  /**
   * What one evaluation found: nudges to record, cards to refresh, messages to queue (once each, by
   * key), whether the requester's silence since a moment has run its course, when to look again.
   */
  static final class Plan {
    final List<Nudge> nudges = new ArrayList<>();
    final List<OutboxEntry> refreshes = new ArrayList<>();
    final List<OutboxEntry> messages = new ArrayList<>();
    Optional<Instant> silentSince = Optional.empty();
    Optional<Instant> next = Optional.empty();

    void lookAgainAt(Instant at) {
      if (next.isEmpty() || at.isBefore(next.get())) {
        next = Optional.of(at);
      }
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
      String key = new NudgeKey.Unclaimed(c.id(), since, k).toString();
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
    Instant ownerAt = cal.plus(since, policy.after().get());
    if (ownerAt.isAfter(now)) {
      plan.lookAgainAt(ownerAt);
      return;
    }
    plan.nudges.add(
        toPerson(
            c,
            team,
            NudgeKind.STALE,
            0,
            new NudgeKey.Stale(c.id(), since, 0).toString(),
            c.ownerId().get(),
            ownerAt,
            now));
    if (policy.escalateAfter().isEmpty()) {
      return;
    }
    Instant leadAt = cal.plus(ownerAt, policy.escalateAfter().get());
    if (leadAt.isAfter(now)) {
      plan.lookAgainAt(leadAt);
      return;
    }
    toLeads(c, team, NudgeKind.STALE, 1, new NudgeKey.Stale(c.id(), since, 1), leadAt, now, plan);
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
        String key = new NudgeKey.Sla(c.id(), s.metric().name(), s.since(), false).toString();
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
            new NudgeKey.Sla(c.id(), s.metric().name(), s.since(), true),
            now,
            now,
            plan);
      }
    }
  }

  /** A message to each lead, or to the channel when the team has none. */
  private void toLeads(
      SupportCase c,
      SupportTeam team,
      NudgeKind kind,
      int step,
      NudgeKey key,
      Instant due,
      Instant now,
      Plan plan) {
    List<String> leads = team.leadsIn(c.tenant());
    if (leads.isEmpty()) {
      plan.nudges.add(toChannel(c, team, kind, step, key.toString(), List.of(), due, now));
      return;
    }
    for (String lead : leads) {
      plan.nudges.add(toPerson(c, team, kind, step, key.forLead(lead).toString(), lead, due, now));
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
}
