package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;

/** A case's history in {@code case_events}: each entry also moves the case's {@code updated_at}. */
final class CaseEventRows {

  private static final RowMapper<CaseEvent> EVENT = CaseRows.EVENT;

  private final JdbiTransactions tx;

  CaseEventRows(JdbiTransactions tx) {
    this.tx = tx;
  }

  long append(TenantId tenant, CaseEvent e) {
    return tx.withHandle(
        h -> {
          long id =
              h.createUpdate(
                      "INSERT INTO case_events (tenant_id, case_id, at, actor_id, action, from_status,"
                          + " to_status, from_owner, to_owner, reason, via) VALUES (:tenant, :caseId,"
                          + " :at, :actor, :action, :fromStatus, :toStatus, :fromOwner, :toOwner,"
                          + " :reason, :via)")
                  .bind("tenant", tenant.key())
                  .bind("caseId", e.caseId())
                  .bind("at", e.at())
                  .bind("actor", e.actorId())
                  .bind("action", e.action().name())
                  .bind("fromStatus", e.fromStatus().map(Enum::name).orElse(null))
                  .bind("toStatus", e.toStatus().name())
                  .bind("fromOwner", e.fromOwner().orElse(null))
                  .bind("toOwner", e.toOwner().orElse(null))
                  .bind("reason", e.reason().orElse(null))
                  .bind("via", e.via().orElse(null))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          h.createUpdate(
                  "UPDATE cases SET updated_at = :at WHERE tenant_id = :tenant AND id = :caseId"
                      + " AND updated_at < :at")
              .bind("at", e.at())
              .bind("tenant", tenant.key())
              .bind("caseId", e.caseId())
              .execute();
          return id;
        });
  }

  List<CaseEvent> history(TenantId tenant, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM case_events WHERE tenant_id = :tenant AND case_id = :caseId ORDER BY id")
                .bind("tenant", tenant.key())
                .bind("caseId", caseId)
                .map(EVENT)
                .list());
  }

  Map<Long, List<CaseEvent>> histories(TenantId tenant, Collection<Long> caseIds) {
    Map<Long, List<CaseEvent>> byCase = new HashMap<>();
    caseIds.forEach(id -> byCase.put(id, new ArrayList<>()));
    if (caseIds.isEmpty()) {
      return byCase;
    }
    List<CaseEvent> events =
        tx.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM case_events WHERE tenant_id = :tenant AND case_id IN (<ids>)"
                            + " ORDER BY id")
                    .bind("tenant", tenant.key())
                    .bindList("ids", List.copyOf(caseIds))
                    .map(EVENT)
                    .list());
    events.forEach(e -> byCase.get(e.caseId()).add(e));
    return byCase;
  }
}
