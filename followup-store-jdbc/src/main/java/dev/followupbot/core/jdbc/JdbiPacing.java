package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sending slots in the {@code pacing} table. A slot is taken with a compare-and-set on {@code
 * free_at}, so two nodes never get the same one.
 */
public final class JdbiPacing implements Pacing {

  private static final int MAX_KEY = 500;

  private final JdbiTransactions tx;
  private final InsertOnce firstSlot;

  public JdbiPacing(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.firstSlot =
        new InsertOnce(tx, vendor, "pacing", List.of("conversation_key"), List.of("free_at"));
  }

  private record Row(Instant freeAt, Optional<Instant> heldUntil, Optional<Instant> sentAt) {}

  @Override
  public Instant slot(
      String conversation, Duration spacing, Instant now, Optional<Instant> reserved) {
    String key = clip(conversation);
    for (int round = 0; round < 20; round++) {
      Optional<Row> row = read(key);
      if (row.isEmpty()) {
        if (insert(key, now.plus(spacing))) {
          return now;
        }
        continue;
      }
      Optional<Instant> held = row.get().heldUntil().filter(h -> h.isAfter(now));
      // However late the last post went out, the next one keeps nearly the spacing from it (all
      // but a twentieth, so slots a little late by the same amount are not pushed back one by one).
      Instant afterLast =
          row.get()
              .sentAt()
              .map(sent -> sent.plus(spacing.minus(spacing.dividedBy(20))))
              .orElse(now);
      if (reserved.isPresent() && !reserved.get().isAfter(now) && held.isEmpty()) {
        if (!afterLast.isAfter(now)) {
          // Marked as going now with a compare-and-set, so that of two senders whose reserved
          // slots have both passed (a backlog, two nodes), only one goes now.
          if (markSentIfUnchanged(key, row.get().sentAt(), now)) {
            return now;
          }
          continue;
        }
        pushFreeAt(key, afterLast.plus(spacing));
        return afterLast;
      }
      Instant slot = latest(now, row.get().freeAt(), latest(held.orElse(now), afterLast, now));
      Instant freeAt = row.get().freeAt();
      int taken =
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "UPDATE pacing SET free_at = :next WHERE conversation_key = :key AND free_at = :seen")
                      .bind("next", slot.plus(spacing))
                      .bind("key", key)
                      .bind("seen", freeAt)
                      .execute());
      if (taken == 1) {
        return slot;
      }
    }
    // Heavy contention: come back a little later rather than spin.
    return now.plus(spacing);
  }

  @Override
  public void sent(String conversation, Instant at) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE pacing SET sent_at = :at WHERE conversation_key = :key"
                        + " AND (sent_at IS NULL OR sent_at < :at)")
                .bind("at", at)
                .bind("key", clip(conversation))
                .execute());
  }

  /**
   * Sets {@code sent_at} to {@code at} if it is still {@code seen}; false if it moved meanwhile.
   */
  private boolean markSentIfUnchanged(String key, Optional<Instant> seen, Instant at) {
    return tx.withHandle(
            h -> {
              var update =
                  h.createUpdate(
                          "UPDATE pacing SET sent_at = :at WHERE conversation_key = :key AND "
                              + (seen.isPresent() ? "sent_at = :seen" : "sent_at IS NULL"))
                      .bind("at", at)
                      .bind("key", key);
              seen.ifPresent(s -> update.bind("seen", s));
              return update.execute();
            })
        == 1;
  }

  /** Moves the conversation's next free slot to {@code at} unless it is later already. */
  private void pushFreeAt(String key, Instant at) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE pacing SET free_at = :at WHERE conversation_key = :key AND free_at < :at")
                .bind("at", at)
                .bind("key", key)
                .execute());
  }

  @Override
  public void holdUntil(String conversation, Instant until) {
    String key = clip(conversation);
    for (int round = 0; round < 3; round++) {
      int moved =
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "UPDATE pacing SET held_until = :until WHERE conversation_key = :key"
                              + " AND (held_until IS NULL OR held_until < :until)")
                      .bind("until", until)
                      .bind("key", key)
                      .execute());
      if (moved == 1 || read(key).isPresent()) {
        return;
      }
      if (insert(key, until)) {
        tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE pacing SET held_until = :until WHERE conversation_key = :key")
                    .bind("until", until)
                    .bind("key", key)
                    .execute());
        return;
      }
    }
  }

  private Optional<Row> read(String key) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT free_at, held_until, sent_at FROM pacing WHERE conversation_key = :key")
                .bind("key", key)
                .map(
                    (rs, ctx) ->
                        new Row(
                            JdbiCaseRepository.instant(rs, "free_at"),
                            Optional.ofNullable(JdbiCaseRepository.instant(rs, "held_until")),
                            Optional.ofNullable(JdbiCaseRepository.instant(rs, "sent_at"))))
                .findOne());
  }

  /**
   * Inserts the conversation's first slot; false when another sender inserted it first. Works
   * inside a caller's transaction too (see {@link InsertOnce}).
   */
  private boolean insert(String key, Instant freeAt) {
    return firstSlot.insert(u -> u.bind("conversation_key", key).bind("free_at", freeAt));
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant ab = a.isAfter(b) ? a : b;
    return ab.isAfter(c) ? ab : c;
  }

  private static String clip(String key) {
    return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
  }
}
