package dev.followupbot.core.service;

import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.PriorDelivery;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles sends whose sender died mid-call, so that whether the platform got them is unknown: each
 * is looked up on the platform and recorded as sent if it is there, or handed back to be sent once
 * if it is not; when the platform cannot tell, it is sent once more, marked as a possible repeat,
 * logged and counted.
 */
final class DeliveryRecovery {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRecovery.class);

  /** How far before its claim a lost send is looked for, for clocks a little apart. */
  private static final Duration LOOK_BACK = Duration.ofMinutes(1);

  private final Transactions tx;
  private final Outbox outbox;
  private final CaseRepository cases;
  private final Messengers messengers;
  private final Conversations conversations;
  private final EntrySender sender;
  private final OutboxListener listener;
  private final CoreMetrics metrics;
  private final Clock clock;

  DeliveryRecovery(
      Transactions tx,
      Outbox outbox,
      CaseRepository cases,
      Messengers messengers,
      Conversations conversations,
      EntrySender sender,
      OutboxListener listener,
      CoreMetrics metrics,
      Clock clock) {
    this.tx = tx;
    this.outbox = outbox;
    this.cases = cases;
    this.messengers = messengers;
    this.conversations = conversations;
    this.sender = sender;
    this.listener = listener;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Settles entries claimed before {@code before} (by {@code claimedBy}, if given) and never
   * finished. Returns how many were settled; one the platform cannot be asked about yet stays for
   * the next call.
   */
  int recoverUnfinished(Instant before, Optional<String> claimedBy, int limit) {
    List<Long> stuck = outbox.stuck(before, claimedBy, limit);
    int recovered = 0;
    for (Long id : stuck) {
      recovered += outbox.find(id).map(this::resolveUnknownOutcome).orElse(false) ? 1 : 0;
    }
    return recovered;
  }

  /**
   * A send whose outcome is unknown: asks the platform whether the message arrived (Slack finds it
   * by the idempotency marker it was posted with). Found: recorded as sent, not sent again. Absent:
   * sent again, once. The platform cannot tell: sent again once, marked as a possible repeat,
   * logged and counted ({@code followup_deliveries_possibly_duplicated_total}); never silently
   * dropped. A card refresh only edits a message in place and is simply done again. If the lookup
   * fails for now, the entry stays as it is for the next sweep. Returns whether the entry was
   * resolved.
   */
  private boolean resolveUnknownOutcome(OutboxEntry entry) {
    if (entry.state().status() != OutboxEntry.State.SENDING
        || entry.state().claimedAt().isEmpty()) {
      return false;
    }
    Instant claimedAt = entry.state().claimedAt().get();
    Instant now = clock.instant();
    Optional<Messenger> messenger = messengers.forPlatform(entry.tenant().platform());
    Optional<Destination> to = conversations.postedTo(entry);
    if (entry.payload() instanceof OutboxEntry.RefreshCard || messenger.isEmpty() || to.isEmpty()) {
      return outbox.handBack(entry.id(), claimedAt, now, "interrupted; doing it again");
    }
    // An entry whose earlier post went unanswered may have arrived then, before this claim.
    Instant since = claimedAt.minus(LOOK_BACK);
    if (OutcomeMark.of(entry) instanceof OutcomeMark.Unanswered unanswered
        && unanswered.searchFrom().isBefore(since)) {
      since = unanswered.searchFrom();
    }
    PriorDelivery prior;
    try {
      prior = messenger.get().findDelivered(to.get(), entry.key().value(), since);
    } catch (DeliveryFailure failure) {
      if (!failure.permanent()) {
        log.info(
            "could not yet tell whether interrupted outbox entry id={} arrived ({}); asking again later",
            entry.id(),
            failure.getMessage());
        return false;
      }
      log.info(
          "cannot look up interrupted outbox entry id={} ({})", entry.id(), failure.getMessage());
      prior = PriorDelivery.CANNOT_TELL;
    } catch (RuntimeException unexpected) {
      log.info("could not yet look up interrupted outbox entry id={}: {}", entry.id(), unexpected);
      return false;
    }
    if (prior instanceof PriorDelivery.Found found) {
      Instant done = clock.instant();
      tx.run(
          () -> {
            outbox.markSent(entry.id(), Optional.of(found.ref()), done);
            if (entry.payload() instanceof OutboxEntry.PostCaseCard card) {
              cases.saveCard(entry.tenant(), card.caseId(), found.ref());
            }
            listener.delivered(entry, done);
          });
      log.info(
          "outbox entry id={} key={} was being sent when its sender stopped; the platform has it,"
              + " so it is not sent again",
          entry.id(),
          entry.key());
      if (entry.payload() instanceof OutboxEntry.PostCaseCard card) {
        sender.catchUpRecoveredCard(entry.tenant(), card.caseId());
      }
      return true;
    }
    if (prior instanceof PriorDelivery.Absent) {
      log.info(
          "outbox entry id={} key={} was being sent when its sender stopped and never arrived;"
              + " sending it now",
          entry.id(),
          entry.key());
      return outbox.handBack(
          entry.id(), claimedAt, now, "interrupted and not found on the platform; sending again");
    }
    if (!outbox.handBack(
        entry.id(), claimedAt, now, OutcomeMark.UNKNOWN_OUTCOME + ": sender stopped mid-call")) {
      return false;
    }
    metrics.possiblyDuplicated(entry.tenant().platform());
    log.warn(
        "outbox entry id={} key={} tenant={} was being sent when its sender stopped and {} cannot"
            + " tell whether it arrived. Re-sending once, marked as a possible repeat.",
        entry.id(),
        entry.key(),
        entry.tenant(),
        entry.tenant().platform().key());
    return true;
  }
}
