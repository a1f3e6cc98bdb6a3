package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable queue of webhook events and the ledger of their delivery (an outbox). Entries are
 * written in the transaction of the change they report. Entries of one case for one URL go out in
 * the order they were written: an entry is due only when every earlier entry of its case and URL is
 * delivered or given up. Entries of no case wait for no other entry.
 */
public interface WebhookLog {

  /** Queues an entry unless one for the same URL and event exists; true if it was queued. */
  boolean enqueue(WebhookEntry draft);

  Optional<WebhookEntry> find(long id);

  /**
   * Claims a pending entry whose time has come and that is first in line for its case and URL,
   * counting the attempt. False when it is not pending, not due, or waits behind another entry.
   */
  boolean claim(long id, String claimedBy, Instant now);

  /** The receiver answered 2xx. */
  void markDelivered(long id, int status, Instant now);

  /** The attempt failed in a way worth retrying: back to pending until {@code next}. */
  void retryAt(long id, Instant next, Optional<Integer> status, String error);

  /** The receiver refused the event for good, or we gave up. */
  void markFailed(long id, Optional<Integer> status, String error, Instant now);

  /** Pending entries due at or before {@code now} that are first in line, oldest first. */
  List<Long> due(Instant now, int limit);

  /** The pending entry first in line for this case and URL, if any. */
  Optional<Long> nextFor(String targetId, long caseId);

  /**
   * Entries claimed before {@code claimedBefore} (by {@code claimedBy}, if given) and never
   * finished: their sender died.
   */
  List<Long> stuck(Instant claimedBefore, Optional<String> claimedBy, int limit);

  /** The senders holding claims made before {@code claimedBefore} and never finished. */
  Set<String> claimers(Instant claimedBefore);

  /** Hands a stuck entry back to pending, to be sent again at {@code now}. */
  void release(long id, Instant now, String error);

  /**
   * The tenant's entries, newest first, optionally only one case's or in one state, with ids below
   * {@code beforeId} (for paging).
   */
  List<WebhookEntry> list(
      TenantId tenant,
      Optional<Long> caseId,
      Optional<WebhookEntry.State> state,
      long beforeId,
      int limit);
}
