package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.port.SlaStates;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a case's SLA targets change state (due soon, breached, met, paused, resumed,
 * cancelled) and reports each change once: the last state seen is stored per target, and only the
 * evaluation that moves it reports the change. Runs whenever the case's timers are evaluated, which
 * happens after every change of the case and at every SLA deadline.
 */
public final class SlaWatch {

  private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

  private final Transactions tx;
  private final SlaStates states;
  private final CaseCards cards;
  private final WebhookEvents events;
  private final Clock clock;

  public SlaWatch(
      Transactions tx, SlaStates states, CaseCards cards, WebhookEvents events, Clock clock) {
    this.tx = tx;
    this.states = states;
    this.cards = cards;
    this.events = events;
    this.clock = clock;
  }

  /** Compares the case's targets now with what was last seen, and reports what changed. */
  public void observe(SupportCase c, List<CaseEvent> history) {
    Instant now = clock.instant();
    Map<SlaMetric, SlaStates.Seen> seen = new EnumMap<>(SlaMetric.class);
    for (SlaStates.Seen s : states.forCase(c.id())) {
      seen.put(s.metric(), s);
    }
    boolean reported = false;
    for (SlaStatus status : cards.sla(c, history)) {
      SlaStates.Seen before = seen.remove(status.metric());
      if (before == null) {
        SlaStates.Seen first =
            new SlaStates.Seen(c.id(), status.metric(), status.since(), status.state(), 1);
        Optional<String> type = reportable(Optional.empty(), status.state(), false);
        reported |=
            tx.inTransaction(
                () -> {
                  if (!states.insert(c.tenant(), first, now)) {
                    return false;
                  }
                  type.ifPresent(t -> events.slaChanged(c, status, Optional.empty(), t, 1, now));
                  return type.isPresent();
                });
        continue;
      }
      if (before.state() == status.state() && before.since().equals(status.since())) {
        continue;
      }
      boolean newEpisode = !before.since().equals(status.since());
      Optional<String> type = reportable(Optional.of(before.state()), status.state(), newEpisode);
      reported |=
          tx.inTransaction(
              () -> {
                if (!states.move(before, status.since(), status.state(), now)) {
                  return false;
                }
                type.ifPresent(
                    t ->
                        events.slaChanged(
                            c, status, Optional.of(before.state()), t, before.version() + 1, now));
                return type.isPresent();
              });
    }
    for (SlaStates.Seen gone : seen.values()) {
      if (isFinal(gone.state())) {
        continue;
      }
      reported |=
          tx.inTransaction(
              () -> {
                if (!states.move(gone, gone.since(), SlaState.CANCELLED, now)) {
                  return false;
                }
                events.slaCancelled(c, gone.metric().name(), gone.state(), gone.version() + 1, now);
                return true;
              });
    }
    if (reported) {
      log.debug("sla change reported tenant={} case={}", c.tenant(), c.number());
      events.announce(c.id());
    }
  }

  /**
   * The event for a move to {@code next}: every state but running is reported; running only when a
   * pause ends. A new episode (the case was reopened) starts quietly: the reopening is reported.
   */
  static Optional<String> reportable(Optional<SlaState> before, SlaState next, boolean newEpisode) {
    if (next == SlaState.RUNNING) {
      return !newEpisode && before.filter(b -> b == SlaState.PAUSED).isPresent()
          ? Optional.of(EventTypes.SLA_RESUMED)
          : Optional.empty();
    }
    return Optional.of(EventTypes.forSla(next));
  }

  private static boolean isFinal(SlaState state) {
    return state == SlaState.MET || state == SlaState.BREACHED || state == SlaState.CANCELLED;
  }
}
