package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.CaseFeedback;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.FeedbackRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Satisfaction scores in {@code case_feedback}. */
public final class JdbiFeedbackRepository implements FeedbackRepository {

  private final JdbiTransactions tx;

  public JdbiFeedbackRepository(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public void record(CaseFeedback f) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO case_feedback (tenant_id, case_id, score, comment, recorded_by, recorded_at)"
                        + " VALUES (:tenant, :caseId, :score, :comment, :by, :at)")
                .bind("tenant", f.tenant().key())
                .bind("caseId", f.caseId())
                .bind("score", f.score())
                .bind("comment", f.comment().orElse(null))
                .bind("by", f.recordedBy())
                .bind("at", f.recordedAt())
                .execute());
  }

  @Override
  public List<CaseFeedback> forCase(TenantId tenant, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM case_feedback WHERE tenant_id = :tenant AND case_id = :caseId ORDER BY id")
                .bind("tenant", tenant.key())
                .bind("caseId", caseId)
                .map(mapper(tenant))
                .list());
  }

  @Override
  public List<CaseFeedback> between(TenantId tenant, Instant from, Instant to) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM case_feedback WHERE tenant_id = :tenant AND recorded_at >= :from"
                        + " AND recorded_at <= :to ORDER BY id")
                .bind("tenant", tenant.key())
                .bind("from", from)
                .bind("to", to)
                .map(mapper(tenant))
                .list());
  }

  private static RowMapper<CaseFeedback> mapper(TenantId tenant) {
    return (rs, ctx) ->
        new CaseFeedback(
            tenant,
            rs.getLong("case_id"),
            rs.getInt("score"),
            Optional.ofNullable(rs.getString("comment")),
            rs.getString("recorded_by"),
            JdbiCaseRepository.instant(rs, "recorded_at"));
  }
}
