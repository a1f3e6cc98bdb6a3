package dev.followupbot.core.service;

import dev.followupbot.core.port.OutboxEntry;
import java.time.Instant;
import java.util.List;

/**
 * Told what became of each outbox entry, so that what an entry stands for (a reminder occurrence)
 * follows its delivery. Delivery knows only entries; a listener knows what they mean.
 *
 * <p>Both calls run inside the transaction that records the outcome, so the listener's writes
 * commit with it or not at all; neither may call a platform.
 */
interface OutboxListener {

  /** The platform accepted {@code entry} by {@code at}. */
  void delivered(OutboxEntry entry, Instant at);

  /**
   * Delivery gave up on {@code entry} for {@code reason}. Returns the ids of entries the listener
   * queued in answer (a notice to someone), which delivery sends once the transaction commits.
   */
  List<Long> failed(OutboxEntry entry, String reason, Instant at);
}
