package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Nudge;
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
import dev.followupbot.core.team.SupportTeam;
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
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final CaseCards cards;
  private final CaseTimerRules rules;
  private final NudgeService nudgeService;
  private final DeliveryService delivery;
  private final SlaWatch slaWatch;
  private final Later later;
  private final OpenCaseRechecks rechecks;
  private final SilenceResolver silence;
  private final Clock clock;

  /** Resolves a case on its own once its requester's silence has run its course. */
  @FunctionalInterface
  public interface SilenceResolver {
    /**
     * Resolves case {@code caseId} if it has waited unchanged since {@code since}; the entries
     * queued.
     */
    List<Long> resolve(TenantId tenant, long caseId, Instant since);
  }

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
      SilenceResolver silence,
      Clock clock) {
    this.cases = cases;
    this.nudges = nudges;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.cards = cards;
    this.rules = new CaseTimerRules(nudges, rotations, cards, directory);
    this.nudgeService = nudgeService;
    this.delivery = delivery;
    this.slaWatch = slaWatch;
    this.later = later;
    this.rechecks = rechecks;
    this.silence = silence;
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
    CaseTimerRules.Plan plan = rules.plan(c, team, history, now);

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
    List<Long> said = new ArrayList<>();
    for (OutboxEntry e : plan.messages) {
      said.add(outbox.enqueue(e));
    }
    delivery.deliverAll(said);
    if (plan.silentSince.isPresent()) {
      log.info(
          "case {} tenant={}: no reply from the requester since {}; resolving it",
          c.number(),
          tenant,
          plan.silentSince.get());
      delivery.deliverAll(silence.resolve(tenant, caseId, plan.silentSince.get()));
      return;
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

  /** Tells the team's leads (or its channel) that a customer gave the case a low score. */
  public void lowScore(SupportCase c, int score, Instant now) {
    CaseTimerRules.Plan plan = rules.lowScore(c, cards.teamOf(c), score, now);
    for (Nudge draft : plan.nudges) {
      nudges.insertIfNew(draft).ifPresent(n -> nudgeService.flushFor(n.id()));
    }
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
