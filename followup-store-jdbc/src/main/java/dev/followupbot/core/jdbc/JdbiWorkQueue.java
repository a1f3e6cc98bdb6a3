package dev.followupbot.core.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The life every durable send queue shares (the outbox and the webhook deliveries): a row is
 * PENDING until its attempt time, SENDING while a node holds its claim ({@code claimed_at}, {@code
 * claimed_by}), then finished or back to PENDING. This is the SQL of that life that does not depend
 * on what a row carries: claiming one row, and finding the claims whose sender may be gone.
 */
final class JdbiWorkQueue {

  private static final int MAX_ERROR = 1000;

  private final JdbiTransactions tx;
  private final String table;

  /** {@code table} has the columns {@code id, state, attempts, next_attempt_at, claimed_*}. */
  JdbiWorkQueue(JdbiTransactions tx, String table) {
    this.tx = tx;
    this.table = table;
  }

  /**
   * Claims row {@code id} if it is pending and due and also meets {@code condition} (SQL on the row
   * as {@code d}, or empty), counting the attempt. Returns whether this call claimed it.
   */
  boolean claim(long id, String claimedBy, Instant now, Optional<String> condition) {
    return tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE "
                            + table
                            + " d SET state = 'SENDING', attempts = attempts + 1,"
                            + " claimed_at = :now, claimed_by = :node WHERE d.id = :id"
                            + " AND d.state = 'PENDING' AND d.next_attempt_at <= :now"
                            + condition.map(c -> " AND " + c).orElse(""))
                    .bind("now", now)
                    .bind("node", claimedBy)
                    .bind("id", id)
                    .execute())
        == 1;
  }

  /**
   * Ids of rows claimed before {@code claimedBefore} (by {@code claimedBy}, if given) and never
   * finished, oldest first.
   */
  List<Long> stuck(Instant claimedBefore, Optional<String> claimedBy, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM "
                        + table
                        + " WHERE state = 'SENDING' AND claimed_at < :before"
                        + (claimedBy.isPresent() ? " AND claimed_by = :node" : "")
                        + " ORDER BY id LIMIT :limit")
                .bind("before", claimedBefore)
                .bind("node", claimedBy.orElse(null))
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  /** The senders holding claims made before {@code claimedBefore} and never finished. */
  Set<String> claimers(Instant claimedBefore) {
    return Set.copyOf(
        tx.withHandle(
            h ->
                h.createQuery(
                        "SELECT DISTINCT claimed_by FROM "
                            + table
                            + " WHERE state = 'SENDING' AND claimed_at < :before"
                            + " AND claimed_by IS NOT NULL")
                    .bind("before", claimedBefore)
                    .mapTo(String.class)
                    .list()));
  }

  /** An error as stored: the first {@value #MAX_ERROR} characters. */
  static String clip(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
