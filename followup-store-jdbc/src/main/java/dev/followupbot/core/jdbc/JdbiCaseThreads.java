package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseThreads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations and their cases in the {@code case_threads} table. */
public final class JdbiCaseThreads implements CaseThreads {

  private final JdbiTransactions tx;
  private final InsertOnce insert;

  public JdbiCaseThreads(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.insert =
        new InsertOnce(
            tx,
            vendor,
            "case_threads",
            List.of("tenant_id", "channel_id", "root_id"),
            List.of("case_id", "requester_id", "posted_at"));
  }

  @Override
  public boolean link(
      TenantId tenant,
      String channelId,
      String rootId,
      long caseId,
      String requesterId,
      Instant postedAt) {
    return insert.insert(
        u ->
            u.bind("tenant_id", tenant.key())
                .bind("channel_id", channelId)
                .bind("root_id", rootId)
                .bind("case_id", caseId)
                .bind("requester_id", requesterId)
                .bind("posted_at", postedAt));
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
