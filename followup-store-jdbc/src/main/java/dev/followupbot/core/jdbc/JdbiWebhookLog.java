package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.port.WebhookLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;

/** The webhook outbox in the {@code webhook_deliveries} table. */
public final class JdbiWebhookLog implements WebhookLog {

  /** No earlier entry of the same case and URL is still on its way (never true of no case). */
  private static final String FIRST_IN_LINE =
      "NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.target_id = d.target_id"
          + " AND e.case_id = d.case_id AND e.id < d.id AND e.state IN ('PENDING', 'SENDING'))";

  private final JdbiTransactions tx;
  private final InsertOnce insert;
  private final JdbiWorkQueue queue;

  public JdbiWebhookLog(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.insert =
        new InsertOnce(
            tx,
            vendor,
            "webhook_deliveries",
            List.of("target_id", "event_key"),
            List.of(
                "tenant_id",
                "url",
                "event_id",
                "event_type",
                "case_id",
                "case_number",
                "payload",
                "state",
                "attempts",
                "created_at",
                "next_attempt_at"));
    this.queue = new JdbiWorkQueue(tx, "webhook_deliveries");
  }

  @Override
  public boolean enqueue(WebhookEntry e) {
    return insert.insert(
        u ->
            u.bind("target_id", e.targetId())
                .bind("event_key", e.eventKey())
                .bind("tenant_id", e.tenant().key())
                .bind("url", e.url())
                .bind("event_id", e.eventId())
                .bind("event_type", e.eventType())
                .bind("case_id", e.caseId().orElse(null))
                .bind("case_number", e.caseNumber().orElse(null))
                .bind("payload", e.payload())
                .bind("state", WebhookEntry.State.PENDING.name())
                .bind("attempts", 0)
                .bind("created_at", e.createdAt())
                .bind("next_attempt_at", e.createdAt()));
  }

  @Override
  public Optional<WebhookEntry> find(long id) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM webhook_deliveries WHERE id = :id")
                .bind("id", id)
                .map(this::map)
                .findOne());
  }

  @Override
  public boolean claim(long id, String claimedBy, Instant now) {
    return queue.claim(id, claimedBy, now, Optional.of(FIRST_IN_LINE));
  }

  @Override
  public void markDelivered(long id, int status, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET state = 'DELIVERED', finished_at = :now,"
                        + " last_status = :status, last_error = NULL"
                        + " WHERE id = :id AND state = 'SENDING'")
                .bind("now", now)
                .bind("status", status)
                .bind("id", id)
                .execute());
  }

  @Override
  public void retryAt(long id, Instant next, Optional<Integer> status, String error) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = :next,"
                        + " last_status = :status, last_error = :error, claimed_at = NULL,"
                        + " claimed_by = NULL WHERE id = :id AND state = 'SENDING'")
                .bind("next", next)
                .bind("status", status.orElse(null))
                .bind("error", JdbiWorkQueue.clip(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public void markFailed(long id, Optional<Integer> status, String error, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET state = 'FAILED', finished_at = :now,"
                        + " last_status = :status, last_error = :error WHERE id = :id")
                .bind("now", now)
                .bind("status", status.orElse(null))
                .bind("error", JdbiWorkQueue.clip(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT d.id FROM webhook_deliveries d WHERE d.state = 'PENDING'"
                        + " AND d.next_attempt_at <= :now AND "
                        + FIRST_IN_LINE
                        + " ORDER BY d.id LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public Optional<Long> nextFor(String targetId, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM webhook_deliveries WHERE target_id = :target AND case_id = :caseId"
                        + " AND state IN ('PENDING', 'SENDING') ORDER BY id LIMIT 1")
                .bind("target", targetId)
                .bind("caseId", caseId)
                .mapTo(Long.class)
                .findOne());
  }

  @Override
  public List<Long> stuck(Instant claimedBefore, Optional<String> claimedBy, int limit) {
    return queue.stuck(claimedBefore, claimedBy, limit);
  }

  @Override
  public Set<String> claimers(Instant claimedBefore) {
    return queue.claimers(claimedBefore);
  }

  @Override
  public void release(long id, Instant now, String error) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = :now,"
                        + " last_error = :error, claimed_at = NULL, claimed_by = NULL"
                        + " WHERE id = :id AND state = 'SENDING'")
                .bind("now", now)
                .bind("error", JdbiWorkQueue.clip(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public List<WebhookEntry> list(
      TenantId tenant,
      Optional<Long> caseId,
      Optional<WebhookEntry.State> state,
      long beforeId,
      int limit) {
    String sql =
        "SELECT * FROM webhook_deliveries WHERE tenant_id = :tenant AND id < :before"
            + (caseId.isPresent() ? " AND case_id = :caseId" : "")
            + (state.isPresent() ? " AND state = :state" : "")
            + " ORDER BY id DESC LIMIT :limit";
    return tx.withHandle(
        h -> {
          var q =
              h.createQuery(sql)
                  .bind("tenant", tenant.key())
                  .bind("before", beforeId)
                  .bind("limit", limit);
          caseId.ifPresent(c -> q.bind("caseId", c));
          state.ifPresent(s -> q.bind("state", s.name()));
          return q.map(this::map).list();
        });
  }

  private WebhookEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    int status = rs.getInt("last_status");
    Optional<Integer> lastStatus = rs.wasNull() ? Optional.empty() : Optional.of(status);
    long caseId = rs.getLong("case_id");
    boolean noCase = rs.wasNull();
    return new WebhookEntry(
        rs.getLong("id"),
        TenantId.fromKey(rs.getString("tenant_id")),
        rs.getString("target_id"),
        rs.getString("url"),
        rs.getString("event_id"),
        rs.getString("event_key"),
        rs.getString("event_type"),
        noCase ? Optional.empty() : Optional.of(caseId),
        noCase ? Optional.empty() : Optional.of(rs.getInt("case_number")),
        rs.getString("payload"),
        WebhookEntry.State.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        instant(rs, "created_at"),
        instant(rs, "next_attempt_at"),
        Optional.ofNullable(instant(rs, "finished_at")),
        lastStatus,
        Optional.ofNullable(rs.getString("last_error")));
  }
}
