package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.SlaStates;
import dev.followupbot.core.sla.SlaMetric;
import dev.followupbot.core.sla.SlaState;
import java.time.Instant;
import java.util.List;

/**
 * Last-seen SLA states in the {@code sla_states} table; the version column decides who was first.
 */
public final class JdbiSlaStates implements SlaStates {

  private final JdbiTransactions tx;
  private final InsertOnce insert;

  public JdbiSlaStates(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.insert =
        new InsertOnce(
            tx,
            vendor,
            "sla_states",
            List.of("case_id", "metric"),
            List.of("tenant_id", "since", "state", "version", "changed_at"));
  }

  @Override
  public List<Seen> forCase(long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM sla_states WHERE case_id = :caseId ORDER BY metric")
                .bind("caseId", caseId)
                .map(
                    (rs, ctx) ->
                        new Seen(
                            rs.getLong("case_id"),
                            SlaMetric.valueOf(rs.getString("metric")),
                            instant(rs, "since"),
                            SlaState.valueOf(rs.getString("state")),
                            rs.getInt("version")))
                .list());
  }

  @Override
  public boolean insert(TenantId tenant, Seen first, Instant now) {
    return insert.insert(
        u ->
            u.bind("case_id", first.caseId())
                .bind("metric", first.metric().name())
                .bind("tenant_id", tenant.key())
                .bind("since", first.since())
                .bind("state", first.state().name())
                .bind("version", first.version())
                .bind("changed_at", now));
  }

  @Override
  public boolean move(Seen expected, Instant since, SlaState next, Instant now) {
    return tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE sla_states SET since = :since, state = :state, version = :version,"
                            + " changed_at = :now WHERE case_id = :caseId AND metric = :metric"
                            + " AND version = :expected")
                    .bind("since", since)
                    .bind("state", next.name())
                    .bind("version", expected.version() + 1)
                    .bind("now", now)
                    .bind("caseId", expected.caseId())
                    .bind("metric", expected.metric().name())
                    .bind("expected", expected.version())
                    .execute())
        == 1;
  }
}
