package dev.followupbot.core.port;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.message.MessageRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable queue of outgoing messages and the ledger of their delivery. An entry is claimed (and
 * the claim committed) before the platform is called, so a retry, a duplicate wake-up or another
 * node finds the claim and does not send again.
 */
public interface Outbox {

  /**
   * Queues an entry unless one with the same dedupe key exists. Returns the id of the entry with
   * that key, new or old.
   */
  long enqueue(OutboxEntry draft);

  Optional<OutboxEntry> find(long id);

  /** The entries with these ids that exist, in id order. */
  List<OutboxEntry> findAll(Collection<Long> ids);

  /** Whether a message with this dedupe key was ever queued. */
  boolean exists(DedupeKey key);

  /**
   * Claims a pending entry whose attempt time has come, counting the attempt. Returns false if it
   * is not pending (already sent, being sent elsewhere, failed) or not due yet.
   */
  boolean claim(long id, String claimedBy, Instant now);

  /**
   * Claims those of the entries that are pending and due, counting the attempt, and returns their
   * ids. An entry another transaction is claiming right now is skipped rather than waited for, so
   * senders on several nodes share a backlog instead of queueing behind each other. Call it inside
   * a transaction.
   */
  List<Long> claimAll(Collection<Long> ids, String claimedBy, Instant now);

  /** The platform accepted the message. */
  void markSent(long id, Optional<MessageRef> ref, Instant now);

  /** The attempt failed in a way worth retrying: back to pending until {@code next}. */
  void retryAt(long id, Instant next, String error);

  /**
   * Like {@link #retryAt}, only if the entry is still held by the claim made at {@code claimedAt}:
   * of several nodes recovering the same interrupted send, one wins. Returns whether this call did.
   */
  boolean handBack(long id, Instant claimedAt, Instant next, String note);

  /**
   * Hands a claimed entry back without counting the attempt, to be sent at {@code until}: its
   * conversation's sending slot was taken.
   */
  void postpone(long id, Instant until);

  /** The platform refused the message for good, or we gave up. */
  void markFailed(long id, String error, Instant now);

  /** Ids of pending entries for the given platforms due at or before {@code now}, oldest first. */
  List<Long> due(Instant now, Set<Platform> platforms, int limit);

  /**
   * Ids of entries claimed before {@code claimedBefore} (by {@code claimedBy}, if given) and never
   * finished: their sender died mid-call, so whether the platform got them is unknown.
   */
  List<Long> stuck(Instant claimedBefore, Optional<String> claimedBy, int limit);

  /** The senders holding claims made before {@code claimedBefore} and never finished. */
  Set<String> claimers(Instant claimedBefore);
}
