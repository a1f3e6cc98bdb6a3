package dev.followupbot.core.service;

import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends what the outbox holds. Each entry is claimed and the claim committed before the platform is
 * called, so however many times and on however many nodes {@link #deliver} runs for an entry, the
 * platform is called once, unless the sender died mid-call. Such a send is resolved on recovery:
 * each post carries its dedupe key as an idempotency marker where the platform allows it, and the
 * platform is asked whether the message arrived; only when it cannot tell is the entry re-sent
 * once, marked as a possible repeat, logged and counted. A post the platform never answered while
 * this process lived (a timeout after the request went out) is treated the same way: its next
 * attempt looks it up first, and sends only if it is not there.
 *
 * <p>Posts to one conversation keep to the platform's pace ({@link Messenger#pacing()}) and to any
 * pause it asked for, on every node: an entry whose slot has not come is handed back, not sent.
 *
 * <p>The work is done by {@link OutboxDrain} (sending, with {@link BatchClaim}, {@link BatchSend},
 * {@link EntrySender}, {@link SentRecorder}, {@link FailurePolicy}, {@link FailureRecorder} and
 * {@link DrainTimer}) and {@link DeliveryRecovery}; platform calls are metered by {@link
 * MeteredMessenger}, and {@link ReminderLedger} keeps reminders in step with their deliveries.
 */
public final class DeliveryService {

  private final OutboxDrain drain;
  private final DeliveryRecovery recovery;

  public DeliveryService(
      Transactions tx,
      Outbox outbox,
      CaseRepository cases,
      ReminderRepository reminders,
      Directory directory,
      Messengers messengers,
      DeliveryPolicy policy,
      CaseCards cards,
      Pacing pacing,
      Later later,
      CoreMetrics metrics,
      PlatformActivity activity,
      String node,
      Clock clock) {
    Messengers metered = MeteredMessenger.around(messengers, metrics, activity, clock);
    Conversations conversations = new Conversations(cases);
    OutboxListener ledger = new ReminderLedger(reminders, directory, outbox, metrics);
    EntrySender sender = new EntrySender(tx, outbox, cases, cards, metrics, this::deliver, clock);
    this.drain =
        new OutboxDrain(
            tx,
            outbox,
            metered,
            conversations,
            new BatchClaim(tx, outbox, pacing, metered, conversations, node),
            sender,
            new SentRecorder(tx, outbox, pacing, conversations, ledger, later, clock),
            new FailurePolicy(policy, () -> ThreadLocalRandom.current().nextDouble()),
            ledger,
            policy,
            pacing,
            later,
            metrics,
            clock);
    this.recovery =
        new DeliveryRecovery(
            tx, outbox, cases, metered, conversations, sender, ledger, metrics, clock);
  }

  /**
   * Delivers the entries that are pending and due, in the order given, and records the outcomes.
   * Messages go in batches with a few transactions for the whole batch rather than a few each: one
   * claims the entries and takes their conversations' sending slots, the posts go out side by side
   * (each conversation's in order), and one records what was sent. An entry whose slot is later is
   * handed back and sent when the slot comes. Case cards and card refreshes, which do more than
   * post, go one at a time. Never throws.
   */
  public void deliverAll(List<Long> ids) {
    drain.deliverAll(ids);
  }

  /** Sends one entry if it is pending and due, and records the outcome. Never throws. */
  public void deliver(long id) {
    drain.deliver(id);
  }

  /**
   * Has every pending entry whose time has come sent shortly, off the caller's thread, in batches.
   * However many callers ask at once, one drain at a time does it.
   */
  public void deliverDueSoon() {
    drain.deliverDueSoon();
  }

  /** Sends pending entries whose time has come, oldest first. Returns how many were attempted. */
  public int deliverDue(int limit) {
    return drain.deliverDue(limit);
  }

  /**
   * Settles sends whose sender is gone: entries claimed before {@code before} (by {@code
   * claimedBy}, if given) and never finished. The platform is asked whether each arrived; see
   * {@link DeliveryRecovery}. Returns how many were settled; one the platform cannot be asked about
   * yet stays for the next call.
   */
  public int recoverUnfinished(Instant before, Optional<String> claimedBy, int limit) {
    return recovery.recoverUnfinished(before, claimedBy, limit);
  }
}
