package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.NudgeKind;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.NudgeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Nudges in the {@code nudges} table; the unique key makes each decision count once. */
public final class JdbiNudgeRepository implements NudgeRepository {

  private final JdbiTransactions tx;
  private final Database.Vendor vendor;

  public JdbiNudgeRepository(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.vendor = vendor;
  }

  @Override
  public Optional<Nudge> insertIfNew(Nudge n) {
    String onConflict =
        vendor == Database.Vendor.POSTGRESQL ? " ON CONFLICT (nudge_key) DO NOTHING" : "";
    int inserted;
    try {
      inserted =
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO nudges (tenant_id, nudge_key, case_id, kind, step, recipient_kind,"
                              + " recipient_id, mentions, due_at, deliver_after, state)"
                              + " SELECT :tenant, :key, :caseId, :kind, :step, :recipientKind, :recipient,"
                              + " :mentions, :due, :after, 'PENDING'"
                              + " WHERE NOT EXISTS (SELECT 1 FROM nudges WHERE nudge_key = :key)"
                              + onConflict)
                      .bind("tenant", n.tenant().key())
                      .bind("key", n.key())
                      .bind("caseId", n.caseId())
                      .bind("kind", n.kind().name())
                      .bind("step", n.step())
                      .bind("recipientKind", n.toChannel() ? "CHANNEL" : "USER")
                      .bind("recipient", n.recipientId())
                      .bind(
                          "mentions",
                          n.mentions().isEmpty() ? null : String.join(",", n.mentions()))
                      .bind("due", n.dueAt())
                      .bind("after", n.deliverAfter())
                      .execute());
    } catch (UnableToExecuteStatementException e) {
      if (UniqueViolation.isCauseOf(e) && !tx.inTransaction()) {
        return Optional.empty();
      }
      throw e;
    }
    if (inserted == 0) {
      return Optional.empty();
    }
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM nudges WHERE nudge_key = :key")
                .bind("key", n.key())
                .map(JdbiNudgeRepository::map)
                .findOne());
  }

  @Override
  public Optional<Nudge> find(long id) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM nudges WHERE id = :id")
                .bind("id", id)
                .map(JdbiNudgeRepository::map)
                .findOne());
  }

  @Override
  public boolean exists(String key) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM nudges WHERE nudge_key = :key")
                    .bind("key", key)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public List<Nudge> pendingFor(
      TenantId tenant, boolean toChannel, String recipientId, Instant now) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM nudges WHERE tenant_id = :tenant AND recipient_kind = :kind"
                        + " AND recipient_id = :recipient AND state = 'PENDING' AND deliver_after <= :now"
                        + " ORDER BY due_at, id")
                .bind("tenant", tenant.key())
                .bind("kind", toChannel ? "CHANNEL" : "USER")
                .bind("recipient", recipientId)
                .bind("now", now)
                .map(JdbiNudgeRepository::map)
                .list());
  }

  @Override
  public Optional<Instant> nextPendingFor(TenantId tenant, boolean toChannel, String recipientId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT MIN(deliver_after) FROM nudges WHERE tenant_id = :tenant AND recipient_kind = :kind"
                        + " AND recipient_id = :recipient AND state = 'PENDING'")
                .bind("tenant", tenant.key())
                .bind("kind", toChannel ? "CHANNEL" : "USER")
                .bind("recipient", recipientId)
                .mapTo(Instant.class)
                .findOne());
  }

  @Override
  public Optional<Instant> lastSentTo(TenantId tenant, boolean toChannel, String recipientId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT MAX(sent_at) FROM nudges WHERE tenant_id = :tenant AND recipient_kind = :kind"
                        + " AND recipient_id = :recipient AND state = 'SENT'")
                .bind("tenant", tenant.key())
                .bind("kind", toChannel ? "CHANNEL" : "USER")
                .bind("recipient", recipientId)
                .mapTo(Instant.class)
                .findOne());
  }

  @Override
  public int markSent(List<Long> ids, long outboxId, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE nudges SET state = 'SENT', sent_at = :now, outbox_id = :outbox"
                        + " WHERE id IN (<ids>) AND state = 'PENDING'")
                .bind("now", now)
                .bind("outbox", outboxId)
                .bindList("ids", ids)
                .execute());
  }

  @Override
  public void drop(long id) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE nudges SET state = 'DROPPED' WHERE id = :id AND state = 'PENDING'")
                .bind("id", id)
                .execute());
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM nudges WHERE state = 'PENDING' AND deliver_after <= :now"
                        + " ORDER BY deliver_after, id LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<Nudge> forCase(TenantId tenant, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM nudges WHERE tenant_id = :tenant AND case_id = :caseId ORDER BY id")
                .bind("tenant", tenant.key())
                .bind("caseId", caseId)
                .map(JdbiNudgeRepository::map)
                .list());
  }

  private static Nudge map(ResultSet rs, StatementContext ctx) throws SQLException {
    String mentions = rs.getString("mentions");
    return new Nudge(
        rs.getLong("id"),
        TenantId.fromKey(rs.getString("tenant_id")),
        rs.getString("nudge_key"),
        rs.getLong("case_id"),
        NudgeKind.valueOf(rs.getString("kind")),
        rs.getInt("step"),
        "CHANNEL".equals(rs.getString("recipient_kind")),
        rs.getString("recipient_id"),
        mentions == null ? List.of() : Arrays.asList(mentions.split(",")),
        instant(rs, "due_at"),
        instant(rs, "deliver_after"),
        Nudge.State.valueOf(rs.getString("state")),
        Optional.ofNullable(instant(rs, "sent_at")));
  }
}
