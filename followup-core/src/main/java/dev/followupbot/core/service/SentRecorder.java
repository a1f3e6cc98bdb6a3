package dev.followupbot.core.service;

import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Pacing;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records sends the platform accepted. From here on a failure is our database's, and must never
 * lead to sending again.
 */
final class SentRecorder {

  private static final Logger log = LoggerFactory.getLogger(SentRecorder.class);
  private static final Duration RECORD_RETRY = Duration.ofSeconds(2);
  private static final int RECORD_TRIES = 60;

  /**
   * A message the platform accepted by {@code at}, to be recorded; {@code paced} is its
   * conversation if posts there keep a spacing.
   */
  record Sent(OutboxEntry entry, Optional<MessageRef> ref, Instant at, Optional<String> paced) {}

  private final Transactions tx;
  private final Outbox outbox;
  private final Pacing pacing;
  private final Conversations conversations;
  private final OutboxListener listener;
  private final Later later;
  private final Clock clock;

  SentRecorder(
      Transactions tx,
      Outbox outbox,
      Pacing pacing,
      Conversations conversations,
      OutboxListener listener,
      Later later,
      Clock clock) {
    this.tx = tx;
    this.outbox = outbox;
    this.pacing = pacing;
    this.conversations = conversations;
    this.listener = listener;
    this.later = later;
    this.clock = clock;
  }

  /** {@code entry}, accepted by {@code messenger} just now. */
  Sent sent(OutboxEntry entry, Optional<MessageRef> ref, Messenger messenger) {
    Optional<String> paced =
        messenger.pacing().isZero() || ref.isEmpty() ? Optional.empty() : conversations.of(entry);
    return new Sent(entry, ref, clock.instant(), paced);
  }

  /**
   * Records the sends in one transaction. If the database is away, tries again every {@link
   * #RECORD_RETRY} for a while; the entries stay claimed meanwhile, so nothing sends them again,
   * and if this process dies first, recovery finds the messages on the platform.
   */
  void record(List<Sent> sent) {
    record(sent, 1);
  }

  private void record(List<Sent> sent, int tries) {
    // In the order claims take locks (conversation, then id), so that a recording and a claim
    // running side by side never wait for each other in a circle.
    List<Sent> ordered = new ArrayList<>(sent);
    ordered.sort(
        Comparator.comparing((Sent s) -> s.paced().orElse(""))
            .thenComparingLong(s -> s.entry().id()));
    try {
      tx.run(
          () -> {
            for (Sent s : ordered) {
              outbox.markSent(s.entry().id(), s.ref(), s.at());
              // The platform had it by now, so the next post keeps the spacing from here.
              s.paced().ifPresent(conversation -> pacing.sent(conversation, s.at()));
              listener.delivered(s.entry(), s.at());
            }
          });
      for (Sent s : sent) {
        log.debug(
            "delivered outbox entry id={} key={} tenant={}",
            s.entry().id(),
            s.entry().key(),
            s.entry().tenant());
      }
    } catch (RuntimeException e) {
      List<Long> ids = sent.stream().map(s -> s.entry().id()).toList();
      if (tries >= RECORD_TRIES) {
        log.warn(
            "outbox entries {} were sent but could not be recorded ({}); recovery will find them on"
                + " the platform",
            ids,
            e.toString());
        return;
      }
      log.info(
          "outbox entries {} were sent; recording them failed ({}), trying again in {} s",
          ids,
          e.toString(),
          RECORD_RETRY.toSeconds());
      later.run(RECORD_RETRY, () -> record(sent, tries + 1));
    }
  }
}
