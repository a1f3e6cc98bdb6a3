package dev.followupbot.core.service;

import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.WebhookLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the sends (messages, case cards, webhook events) that were cut off by the death of their
 * sender, as soon as that sender is certainly gone rather than when its claim grows old:
 *
 * <ul>
 *   <li>on a node that is not clustered, whatever was claimed before this process started: no other
 *       process works on its database, so the earlier one is dead;
 *   <li>on a cluster, what an earlier life of this node claimed (a restart), and what a member
 *       claimed once Quartz's cluster state says it stopped checking in;
 *   <li>anywhere, a claim older than {@link DeliveryPolicy#presumedDeadAfter} (a sender that hung).
 * </ul>
 *
 * <p>Settling a message looks it up on the platform ({@link DeliveryService}): found, it is
 * recorded as delivered with its address; not found, it is sent once. A webhook event is sent again
 * with its event id.
 */
public final class InterruptedSends {

  private static final Logger log = LoggerFactory.getLogger(InterruptedSends.class);
  private static final int BATCH = 200;

  /**
   * A claim younger than this is left alone even if its node is not (yet) among the live ones: a
   * node that has just started may claim before its first check-in is visible.
   */
  private static final Duration DEAD_NODE_GRACE = Duration.ofSeconds(5);

  private final DeliveryService delivery;
  private final WebhookDelivery webhooks;
  private final Outbox outbox;
  private final WebhookLog webhookLog;
  private final ReminderScheduler scheduler;
  private final DeliveryPolicy policy;
  private final String node;
  private final Instant startedAt;
  private final Clock clock;

  public InterruptedSends(
      DeliveryService delivery,
      WebhookDelivery webhooks,
      Outbox outbox,
      WebhookLog webhookLog,
      ReminderScheduler scheduler,
      DeliveryPolicy policy,
      String node,
      Clock clock) {
    this.delivery = delivery;
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.webhookLog = webhookLog;
    this.scheduler = scheduler;
    this.policy = policy;
    this.node = node;
    this.startedAt = clock.instant();
    this.clock = clock;
  }

  /**
   * At start-up, before any new send: settles everything an earlier life of this node (and, on a
   * cluster, a member already known dead) left unfinished, round after round until nothing is left
   * or {@code within} has passed. What the platform cannot be asked about yet (it is down) is left
   * to the sweeps, which keep trying. Returns how many were settled.
   */
  public int settleAtStart(Duration within) {
    Instant until = clock.instant().plus(within);
    Instant began = clock.instant();
    int settled = 0;
    for (int round = 0; round < 100; round++) {
      int now = settle();
      settled += now;
      if (now == 0 || clock.instant().isAfter(until)) {
        break;
      }
    }
    if (settled > 0) {
      log.info(
          "settled {} send(s) cut off when the previous process stopped, in {} ms",
          settled,
          Duration.between(began, clock.instant()).toMillis());
    }
    return settled;
  }

  /** Settles what senders known to be gone left unfinished; the sweep calls it every time. */
  public int settle() {
    Instant now = clock.instant();
    int settled = 0;
    for (String claimer : gone(outbox.claimers(now), now)) {
      settled += delivery.recoverUnfinished(startedOr(claimer, now), Optional.of(claimer), BATCH);
    }
    settled +=
        delivery.recoverUnfinished(now.minus(policy.presumedDeadAfter()), Optional.empty(), BATCH);
    for (String claimer : gone(webhookLog.claimers(now), now)) {
      settled += webhooks.recoverStuck(startedOr(claimer, now), Optional.of(claimer), BATCH);
    }
    settled +=
        webhooks.recoverStuck(now.minus(policy.presumedDeadAfter()), Optional.empty(), BATCH);
    return settled;
  }

  /** Of the senders holding claims, those certainly gone, each with what of theirs to settle. */
  private Set<String> gone(Set<String> claimers, Instant now) {
    Set<String> gone = new TreeSet<>();
    Optional<Set<String>> live = scheduler.clustered() ? scheduler.liveNodes() : Optional.empty();
    for (String claimer : claimers) {
      if (!scheduler.clustered()) {
        // Alone on the database: every claimer but this process is an earlier process.
        gone.add(claimer);
      } else if (scheduler.earlierLifeOfThisNode(claimer)) {
        gone.add(claimer);
      } else if (live.isPresent() && !live.get().contains(claimer) && !claimer.equals(node)) {
        gone.add(claimer);
      }
    }
    return gone;
  }

  /**
   * The claims of {@code claimer} to settle are those made before this process started (not
   * clustered, or an earlier life: a claim made since is this process's own, under the same name)
   * or, for a dead member, before the grace that covers a node's first check-in.
   */
  private Instant startedOr(String claimer, Instant now) {
    if (!scheduler.clustered() || scheduler.earlierLifeOfThisNode(claimer)) {
      return startedAt;
    }
    return now.minus(DEAD_NODE_GRACE);
  }
}
