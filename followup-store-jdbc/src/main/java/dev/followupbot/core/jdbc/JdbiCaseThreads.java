package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseThreads;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Conversations and their cases in the {@code case_threads} table. */
public final class JdbiCaseThreads implements CaseThreads {

  private final JdbiTransactions tx;
  private final Database.Vendor vendor;

  public JdbiCaseThreads(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.vendor = vendor;
  }

  @Override
  public boolean link(
      TenantId tenant,
      String channelId,
      String rootId,
      long caseId,
      String requesterId,
      Instant postedAt) {
    // PostgreSQL aborts the transaction on a failed insert, so it skips a taken key in the
    // statement; H2 reports it, and a race between the check and the insert lands there too.
    String onConflict = vendor == Database.Vendor.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
    try {
      return tx.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO case_threads"
                              + " (tenant_id, channel_id, root_id, case_id, requester_id, posted_at)"
                              + " SELECT :tenant, :channel, :root, :caseId, :requester, :postedAt"
                              + " WHERE NOT EXISTS (SELECT 1 FROM case_threads WHERE tenant_id = :tenant"
                              + " AND channel_id = :channel AND root_id = :root)"
                              + onConflict)
                      .bind("tenant", tenant.key())
                      .bind("channel", channelId)
                      .bind("root", rootId)
                      .bind("caseId", caseId)
                      .bind("requester", requesterId)
                      .bind("postedAt", postedAt)
                      .execute())
          == 1;
    } catch (UnableToExecuteStatementException e) {
      if (UniqueViolation.isCauseOf(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Long> caseOf(TenantId tenant, String channelId, String messageId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT case_id FROM case_threads WHERE tenant_id = :tenant"
                        + " AND channel_id = :channel AND root_id = :message"
                        + " UNION SELECT id FROM cases WHERE tenant_id = :tenant"
                        + " AND card_channel = :channel AND card_message_id = :message")
                .bind("tenant", tenant.key())
                .bind("channel", channelId)
                .bind("message", messageId)
                .mapTo(Long.class)
                .findFirst());
  }

  @Override
  public Optional<Long> latestOf(
      TenantId tenant, String channelId, String requesterId, Instant since) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT case_id FROM case_threads WHERE tenant_id = :tenant"
                        + " AND channel_id = :channel AND requester_id = :requester"
                        + " AND posted_at >= :since ORDER BY posted_at DESC")
                .bind("tenant", tenant.key())
                .bind("channel", channelId)
                .bind("requester", requesterId)
                .bind("since", since)
                .mapTo(Long.class)
                .findFirst());
  }
}
