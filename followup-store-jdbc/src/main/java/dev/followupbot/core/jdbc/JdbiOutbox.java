package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox in the {@code outbox} table; messages are stored as JSON. */
public final class JdbiOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(JdbiOutbox.class);

  private final JdbiTransactions tx;
  private final Database.Vendor vendor;
  private final JdbiWorkQueue queue;
  private final ObjectMapper json = BlockJson.mapper();

  public JdbiOutbox(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.vendor = vendor;
    this.queue = new JdbiWorkQueue(tx, "outbox");
  }

  @Override
  public long enqueue(OutboxEntry e) {
    // PostgreSQL aborts a transaction on a failed insert, so it skips duplicates in the statement.
    String onConflict =
        vendor == Database.Vendor.POSTGRESQL ? " ON CONFLICT (dedupe_key) DO NOTHING" : "";
    String sql =
        "INSERT INTO outbox (tenant_id, dedupe_key, kind, destination_kind, destination_id, message_json,"
            + " case_id, reminder_id, reminder_occurrence, state, attempts, created_at, next_attempt_at)"
            + " SELECT :tenant, :key, :kind, :destKind, :destId, :json, :caseId, :reminderId, :occurrence,"
            + " 'PENDING', 0, :now, :next WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE dedupe_key = :key)"
            + onConflict;
    Optional<OutboxEntry.PostMessage> post =
        e.payload() instanceof OutboxEntry.PostMessage m ? Optional.of(m) : Optional.empty();
    Optional<Destination> to = post.map(OutboxEntry.PostMessage::to);
    Optional<OutboxEntry.ReminderOccurrence> reminder = post.flatMap(m -> m.reminder());
    try {
      tx.withHandle(
          h ->
              h.createUpdate(sql)
                  .bind("tenant", e.tenant().key())
                  .bind("key", e.key().value())
                  .bind("kind", kind(e.payload()))
                  .bind(
                      "destKind",
                      to.map(d -> d instanceof Destination.Direct ? "DIRECT" : "CHANNEL")
                          .orElse(null))
                  .bind("destId", to.map(Destination::target).orElse(null))
                  .bind("json", post.map(m -> toJson(m.message())).orElse(null))
                  .bind("caseId", e.payload().about().orElse(null))
                  .bind(
                      "reminderId",
                      reminder.map(OutboxEntry.ReminderOccurrence::reminderId).orElse(null))
                  .bind(
                      "occurrence",
                      reminder.map(OutboxEntry.ReminderOccurrence::occurrence).orElse(null))
                  .bind("now", e.state().createdAt())
                  .bind("next", e.state().nextAttemptAt())
                  .execute());
    } catch (UnableToExecuteStatementException ex) {
      if (!UniqueViolation.isCauseOf(ex)) {
        throw ex;
      }
      // H2: a concurrent insert of the same key won; use that one.
    }
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
                .map(this::map)
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
                            return Optional.of(map(rs, ctx));
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

  /** The stored kind of a payload (the {@code kind} column). */
  private static String kind(OutboxEntry.Payload payload) {
    if (payload instanceof OutboxEntry.PostMessage) {
      return "MESSAGE";
    }
    return payload instanceof OutboxEntry.PostCaseCard ? "CASE_CARD" : "CARD_REFRESH";
  }

  private OutboxEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    TenantId tenant = TenantId.fromKey(rs.getString("tenant_id"));
    long caseId = rs.getLong("case_id");
    Optional<Long> caseRef = rs.wasNull() ? Optional.empty() : Optional.of(caseId);
    String kind = rs.getString("kind");
    OutboxEntry.Payload payload;
    if (kind.equals("MESSAGE")) {
      String destKind = rs.getString("destination_kind");
      String destId = rs.getString("destination_id");
      Destination to =
          "DIRECT".equals(destKind)
              ? new Destination.Direct(new UserRef(tenant, destId))
              : new Destination.Channel(tenant, destId);
      long reminderId = rs.getLong("reminder_id");
      boolean forReminder = !rs.wasNull();
      // Every reminder entry is written with its occurrence; 0 is the first.
      int occurrence = rs.getInt("reminder_occurrence");
      payload =
          new OutboxEntry.PostMessage(
              to,
              fromJson(rs.getString("message_json")),
              caseRef,
              forReminder
                  ? Optional.of(new OutboxEntry.ReminderOccurrence(reminderId, occurrence))
                  : Optional.empty());
    } else if (kind.equals("CASE_CARD")) {
      payload = new OutboxEntry.PostCaseCard(caseRef.orElseThrow());
    } else if (kind.equals("CARD_REFRESH")) {
      payload = new OutboxEntry.RefreshCard(caseRef.orElseThrow());
    } else {
      throw new IllegalStateException("unknown outbox entry kind " + kind);
    }
    return new OutboxEntry(
        rs.getLong("id"),
        tenant,
        DedupeKey.of(rs.getString("dedupe_key")),
        payload,
        new OutboxEntry.DeliveryState(
            OutboxEntry.State.valueOf(rs.getString("state")),
            rs.getInt("attempts"),
            instant(rs, "created_at"),
            instant(rs, "next_attempt_at"),
            Optional.ofNullable(rs.getString("last_error")),
            Optional.ofNullable(instant(rs, "slot_at")),
            Optional.ofNullable(instant(rs, "claimed_at")),
            Optional.ofNullable(rs.getString("claimed_by"))));
  }

  private String toJson(Message message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store message", e);
    }
  }

  private Message fromJson(String text) {
    try {
      return json.readValue(text, Message.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read stored message", e);
    }
  }
}
