package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox in the {@code outbox} table; messages are stored as JSON. */
public final class JdbiOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(JdbiOutbox.class);

  private final JdbiTransactions tx;
  private final JdbiWorkQueue queue;
  private final OutboxRows rows = new OutboxRows();
  private final InsertOnce insert;

  public JdbiOutbox(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.queue = new JdbiWorkQueue(tx, "outbox");
    this.insert =
        new InsertOnce(
            tx,
            vendor,
            "outbox",
            List.of("dedupe_key"),
            List.of(
                "tenant_id",
                "kind",
                "destination_kind",
                "destination_id",
                "destination_thread",
                "destination_broadcast",
                "message_json",
                "case_id",
                "reminder_id",
                "reminder_occurrence",
                "state",
                "attempts",
                "created_at",
                "next_attempt_at"));
  }

  @Override
  public long enqueue(OutboxEntry e) {
    OutboxRows.Columns c = rows.columns(e);
    insert.insert(
        u ->
            u.bind("dedupe_key", e.key().value())
                .bind("tenant_id", e.tenant().key())
                .bind("kind", c.kind())
                .bind("destination_kind", c.destinationKind())
                .bind("destination_id", c.destinationId())
                .bind("destination_thread", c.thread())
                .bind("destination_broadcast", c.broadcast())
                .bind("message_json", c.messageJson())
                .bind("case_id", c.caseId())
                .bind("reminder_id", c.reminderId())
                .bind("reminder_occurrence", c.occurrence())
                .bind("state", OutboxEntry.State.PENDING.name())
                .bind("attempts", 0)
                .bind("created_at", e.state().createdAt())
                .bind("next_attempt_at", e.state().nextAttemptAt()));
    // Inserted now or by someone a moment ago: the entry with this key.
    return tx.withHandle(
        h ->
            h.createQuery("SELECT id FROM outbox WHERE dedupe_key = :key")
                .bind("key", e.key().value())
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Optional<OutboxEntry> find(long id) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM outbox WHERE id = :id")
                .bind("id", id)
                .map(rows::map)
                .findOne());
  }

  @Override
  public List<OutboxEntry> findAll(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // One entry that cannot be read (a message written by a newer version during a rolling
    // upgrade, say) is left out and logged, not allowed to fail the whole batch every time.
    return tx
        .withHandle(
            h ->
                h.createQuery("SELECT * FROM outbox WHERE id IN (<ids>) ORDER BY id")
                    .bindList("ids", List.copyOf(ids))
                    .map(
                        (rs, ctx) -> {
                          try {
                            return Optional.of(rows.map(rs, ctx));
                          } catch (RuntimeException e) {
                            log.warn(
                                "outbox entry id={} cannot be read and is left as it is: {}",
                                rs.getLong("id"),
                                e.toString());
                            return Optional.<OutboxEntry>empty();
                          }
                        })
                    .list())
        .stream()
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public boolean exists(DedupeKey key) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM outbox WHERE dedupe_key = :key")
                    .bind("key", key.value())
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public boolean claim(long id, String claimedBy, Instant now) {
    return queue.claim(id, claimedBy, now, Optional.empty());
  }

  @Override
  public List<Long> claimAll(Collection<Long> ids, String claimedBy, Instant now) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Long> free =
        tx.withHandle(
            h ->
                h.createQuery(
                        "SELECT id FROM outbox WHERE id IN (<ids>) AND state = 'PENDING'"
                            + " AND next_attempt_at <= :now ORDER BY id FOR UPDATE SKIP LOCKED")
                    .bindList("ids", List.copyOf(ids))
                    .bind("now", now)
                    .mapTo(Long.class)
                    .list());
    if (free.isEmpty()) {
      return free;
    }
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET state = 'SENDING', attempts = attempts + 1, claimed_at = :now,"
                        + " claimed_by = :node WHERE id IN (<ids>)")
                .bindList("ids", free)
                .bind("now", now)
                .bind("node", claimedBy)
                .execute());
    return free;
  }

  @Override
  public void markSent(long id, Optional<MessageRef> ref, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET state = 'SENT', finished_at = :now, ref_channel = :channel,"
                        + " ref_message_id = :message WHERE id = :id AND state = 'SENDING'")
                .bind("now", now)
                .bind("channel", ref.map(MessageRef::channel).orElse(null))
                .bind("message", ref.map(MessageRef::messageId).orElse(null))
                .bind("id", id)
                .execute());
  }

  @Override
  public void retryAt(long id, Instant next, String error) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET state = 'PENDING', next_attempt_at = :next, last_error = :error,"
                        + " slot_at = NULL, claimed_at = NULL, claimed_by = NULL"
                        + " WHERE id = :id AND state = 'SENDING'")
                .bind("next", next)
                .bind("error", JdbiWorkQueue.clip(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public boolean handBack(long id, Instant claimedAt, Instant next, String note) {
    return tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE outbox SET state = 'PENDING', next_attempt_at = :next, last_error = :error,"
                            + " slot_at = NULL, claimed_at = NULL, claimed_by = NULL"
                            + " WHERE id = :id AND state = 'SENDING' AND claimed_at = :claimedAt")
                    .bind("next", next)
                    .bind("error", JdbiWorkQueue.clip(note))
                    .bind("id", id)
                    .bind("claimedAt", claimedAt)
                    .execute())
        == 1;
  }

  @Override
  public void postpone(long id, Instant until) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET state = 'PENDING', attempts = attempts - 1, next_attempt_at = :until,"
                        + " slot_at = :until, claimed_at = NULL, claimed_by = NULL"
                        + " WHERE id = :id AND state = 'SENDING'")
                .bind("until", until)
                .bind("id", id)
                .execute());
  }

  @Override
  public void markFailed(long id, String error, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET state = 'FAILED', finished_at = :now, last_error = :error WHERE id = :id")
                .bind("now", now)
                .bind("error", JdbiWorkQueue.clip(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public List<Long> due(Instant now, Set<Platform> platforms, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= :now AND "
                        + PlatformFilter.sql(platforms)
                        + " ORDER BY next_attempt_at, id LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<Long> stuck(Instant claimedBefore, Optional<String> claimedBy, int limit) {
    return queue.stuck(claimedBefore, claimedBy, limit);
  }

  @Override
  public Set<String> claimers(Instant claimedBefore) {
    return queue.claimers(claimedBefore);
  }
}
