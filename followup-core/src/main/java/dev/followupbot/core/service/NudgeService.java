package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.NudgeKey;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.NudgeRepository;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends held nudges, grouped: everything pending for one recipient goes out as one message, and a
 * recipient gets at most one nudge message per team's {@code nudges.group_window}. Just before
 * sending, each nudge is checked against the case as it is now, so a case claimed (answered,
 * resolved) in the meantime is left out.
 */
public final class NudgeService {

  private static final Logger log = LoggerFactory.getLogger(NudgeService.class);

  private final Transactions tx;
  private final NudgeRepository nudges;
  private final CaseRepository cases;
  private final Outbox outbox;
  private final ReminderScheduler scheduler;
  private final CaseCards cards;
  private final Directory directory;
  private final DeliveryService delivery;
  private final CoreMetrics metrics;
  private final Clock clock;

  public NudgeService(
      Transactions tx,
      NudgeRepository nudges,
      CaseRepository cases,
      Outbox outbox,
      ReminderScheduler scheduler,
      CaseCards cards,
      Directory directory,
      DeliveryService delivery,
      CoreMetrics metrics,
      Clock clock) {
    this.tx = tx;
    this.nudges = nudges;
    this.cases = cases;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.cards = cards;
    this.directory = directory;
    this.delivery = delivery;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Sends whatever is pending for this nudge's recipient, if its time has come. */
  public void flushFor(long nudgeId) {
    nudges
        .find(nudgeId)
        .filter(n -> n.state() == Nudge.State.PENDING)
        .ifPresent(n -> flush(n.tenant(), n.toChannel(), n.recipientId()));
  }

  /** Safety net: sends held nudges whose wake-up was lost. */
  public int flushDue(int limit) {
    List<Long> due = nudges.due(clock.instant(), limit);
    due.forEach(this::flushFor);
    return due.size();
  }

  private static final class Raced extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private void flush(TenantId tenant, boolean toChannel, String recipientId) {
    for (int round = 0; round < 3; round++) {
      try {
        flushOnce(tenant, toChannel, recipientId);
        return;
      } catch (Raced raced) {
        // another node sent some of these a moment ago; look again
      }
    }
  }

  private void flushOnce(TenantId tenant, boolean toChannel, String recipientId) {
    Instant now = clock.instant();
    List<Nudge> due = nudges.pendingFor(tenant, toChannel, recipientId, now);
    if (due.isEmpty()) {
      scheduleNext(tenant, toChannel, recipientId, now, Duration.ZERO);
      return;
    }
    List<NudgeViews.Item> items = new ArrayList<>();
    SupportTeam team = null;
    for (Nudge n : due) {
      Optional<SupportCase> c = cases.findById(tenant, n.caseId());
      Optional<NudgeViews.Item> item = c.flatMap(found -> stillDue(n, found));
      if (item.isEmpty()) {
        nudges.drop(n.id());
        log.debug("nudge dropped tenant={} key={}: no longer applies", tenant, n.key());
        continue;
      }
      items.add(item.get());
      if (team == null) {
        team = cards.teamOf(item.get().c());
      }
    }
    if (items.isEmpty()) {
      return;
    }
    Duration window = team.policy().groupWindow();
    Optional<Instant> last = nudges.lastSentTo(tenant, toChannel, recipientId);
    if (last.isPresent() && last.get().plus(window).isAfter(now)) {
      scheduleQuietly(new WakeUp.NudgesDue(items.get(0).nudge().id()), last.get().plus(window));
      return;
    }
    ZoneId zone = toChannel ? team.zone() : directory.person(tenant, recipientId).zone();
    String name = toChannel ? "" : directory.name(tenant, recipientId);
    Message message = NudgeViews.render(items, name, zone, now, id -> directory.name(tenant, id));
    Destination to =
        toChannel
            ? inChannel(tenant, recipientId, items)
            : new Destination.Direct(new UserRef(tenant, recipientId));
    List<Long> ids = items.stream().map(i -> i.nudge().id()).toList();
    Optional<Long> about =
        items.size() == 1 ? Optional.of(items.get(0).c().id()) : Optional.empty();
    long outboxId =
        tx.inTransaction(
            () -> {
              long id =
                  outbox.enqueue(
                      OutboxEntry.message(
                          DedupeKey.nudges(ids.get(0), ids.size()), to, message, about, now));
              if (nudges.markSent(ids, id, now) != ids.size()) {
                throw new Raced();
              }
              return id;
            });
    log.info(
        "nudge sent tenant={} to={}{} cases={} kinds={}",
        tenant,
        toChannel ? "#" : "",
        recipientId,
        items.stream().map(i -> "#" + i.c().number()).collect(Collectors.joining(",")),
        items.stream()
            .map(i -> i.nudge().kind().name())
            .distinct()
            .collect(Collectors.joining(",")));
    for (NudgeViews.Item item : items) {
      metrics.nudgeSent(item.nudge().kind(), isEscalation(item.nudge()));
    }
    delivery.deliver(outboxId);
    scheduleNext(tenant, toChannel, recipientId, now, window);
  }

  /**
   * A channel nudge about one case from a conversation goes into the case's thread and is shown in
   * the channel too, so the channel sees it and the thread keeps the record; several cases at once
   * go to the channel.
   */
  private static Destination inChannel(
      TenantId tenant, String channelId, List<NudgeViews.Item> items) {
    if (items.size() == 1) {
      Optional<String> root =
          items
              .get(0)
              .c()
              .source()
              .filter(s -> s.channelId().equals(channelId))
              .map(s -> s.messageId());
      if (root.isPresent()) {
        return new Destination.Channel(tenant, channelId, root, true);
      }
    }
    return new Destination.Channel(tenant, channelId);
  }

  /**
   * Escalations go past the first person asked: later steps of the unclaimed chain, a stale case to
   * its leads, an SLA breach, a low score.
   */
  static boolean isEscalation(Nudge n) {
    switch (n.kind()) {
      case UNCLAIMED:
      case STALE:
        return n.step() > 0;
      case SLA_BREACH:
      case LOW_CSAT:
        return true;
      case SLA_WARNING:
      default:
        return false;
    }
  }

  /** The nudge as it should read now, or empty if the case has moved on. */
  private Optional<NudgeViews.Item> stillDue(Nudge n, SupportCase c) {
    String owner = c.ownerId().map(id -> directory.name(c.tenant(), id)).orElse("nobody");
    long episode = episode(n.key());
    switch (n.kind()) {
      case UNCLAIMED:
        return c.status() == CaseStatus.UNCLAIMED && c.lastActivityAt().toEpochMilli() == episode
            ? Optional.of(new NudgeViews.Item(n, c, Optional.empty(), owner))
            : Optional.empty();
      case STALE:
        return c.status() == CaseStatus.CLAIMED && c.lastActivityAt().toEpochMilli() == episode
            ? Optional.of(new NudgeViews.Item(n, c, Optional.empty(), owner))
            : Optional.empty();
      case SLA_WARNING:
      case SLA_BREACH:
        if (!c.status().isOpen()) {
          return Optional.empty();
        }
        SlaMetric metric = SlaMetric.values()[n.step()];
        Optional<SlaStatus> sla =
            cards.sla(c).stream().filter(s -> s.metric() == metric).findFirst();
        boolean applies =
            sla.map(
                    s ->
                        n.kind() == dev.followupbot.core.domain.NudgeKind.SLA_BREACH
                            ? s.state() == SlaState.BREACHED
                            : s.state() == SlaState.DUE_SOON || s.state() == SlaState.BREACHED)
                .orElse(false);
        return applies ? Optional.of(new NudgeViews.Item(n, c, sla, owner)) : Optional.empty();
      case LOW_CSAT:
      default:
        return Optional.of(new NudgeViews.Item(n, c, Optional.empty(), owner));
    }
  }

  /** The episode (in epoch millis) a nudge key names; -1 when it has none. */
  static long episode(String key) {
    return NudgeKey.parse(key).flatMap(NudgeKey::episode).map(Instant::toEpochMilli).orElse(-1L);
  }

  private void scheduleNext(
      TenantId tenant, boolean toChannel, String recipientId, Instant now, Duration window) {
    nudges
        .nextPendingFor(tenant, toChannel, recipientId)
        .ifPresent(
            at -> {
              Instant when = at.isBefore(now.plus(window)) ? now.plus(window) : at;
              nudges.pendingFor(tenant, toChannel, recipientId, when).stream()
                  .findFirst()
                  .ifPresent(n -> scheduleQuietly(new WakeUp.NudgesDue(n.id()), when));
            });
  }

  private void scheduleQuietly(WakeUp wake, Instant at) {
    try {
      scheduler.wakeAt(wake, at);
    } catch (RuntimeException e) {
      log.warn("could not schedule {}; the sweep will send it: {}", wake.key(), e.toString());
    }
  }
}
