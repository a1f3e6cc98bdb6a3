package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseSearch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;

/** Cases and their history in the {@code cases} and {@code case_events} tables. */
public final class JdbiCaseRepository implements CaseRepository {

  private static final RowMapper<SupportCase> CASE = CaseRows::mapCase;

  private final JdbiTransactions tx;
  private final CaseEventRows events;

  public JdbiCaseRepository(JdbiTransactions tx) {
    this.tx = tx;
    this.events = new CaseEventRows(tx);
  }

  @Override
  public SupportCase insert(SupportCase c) {
    long id =
        tx.withHandle(
            h ->
                CaseRows.bindAll(
                        h.createUpdate(
                            "INSERT INTO cases (tenant_id, number, external_ref, subject, customer, priority,"
                                + " channel_id, status, owner_id, created_by, created_at, claimed_at,"
                                + " first_response_at, resolved_at, last_activity_at, waiting_until, version, updated_at,"
                                + " source_channel, source_message, source_link, requester_id)"
                                + " VALUES (:tenant, :number, :externalRef, :subject, :customer, :priority,"
                                + " :channel, :status, :owner, :createdBy, :createdAt, :claimedAt,"
                                + " :firstResponseAt, :resolvedAt, :lastActivityAt, :waitingUntil, :version,"
                                + " :createdAt, :sourceChannel, :sourceMessage, :sourceLink, :requester)"),
                        c)
                    .bind("sourceChannel", c.source().map(CaseSource::channelId).orElse(null))
                    .bind("sourceMessage", c.source().map(CaseSource::messageId).orElse(null))
                    .bind("sourceLink", c.source().flatMap(CaseSource::permalink).orElse(null))
                    .bind("requester", c.source().map(CaseSource::requesterId).orElse(null))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return findById(c.tenant(), id).orElseThrow();
  }

  @Override
  public Optional<SupportCase> findByNumber(TenantId tenant, int number) {
    return one("SELECT * FROM cases WHERE tenant_id = :tenant AND number = :value", tenant, number);
  }

  @Override
  public Optional<SupportCase> findByExternalRef(TenantId tenant, String externalRef) {
    return one(
        "SELECT * FROM cases WHERE tenant_id = :tenant AND external_ref = :value",
        tenant,
        externalRef);
  }

  @Override
  public Optional<SupportCase> findById(TenantId tenant, long id) {
    return one("SELECT * FROM cases WHERE tenant_id = :tenant AND id = :value", tenant, id);
  }

  private Optional<SupportCase> one(String sql, TenantId tenant, Object value) {
    return tx.withHandle(
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.key())
                .bind("value", value)
                .map(CASE)
                .findOne());
  }

  @Override
  public boolean update(SupportCase c) {
    return tx.withHandle(
            h ->
                CaseRows.bindAll(
                        h.createUpdate(
                            "UPDATE cases SET status = :status, owner_id = :owner, claimed_at = :claimedAt,"
                                + " first_response_at = :firstResponseAt, resolved_at = :resolvedAt,"
                                + " last_activity_at = :lastActivityAt, waiting_until = :waitingUntil,"
                                + " subject = :subject, customer = :customer, priority = :priority,"
                                + " version = :version"
                                + " WHERE tenant_id = :tenant AND id = :id AND version = :expectedVersion"),
                        c)
                    .bind("id", c.id())
                    .bind("expectedVersion", c.version() - 1)
                    .execute())
        == 1;
  }

  @Override
  public void saveCard(TenantId tenant, long caseId, MessageRef card) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE cases SET card_channel = :channel, card_message_id = :message"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .bind("channel", card.channel())
                .bind("message", card.messageId())
                .bind("tenant", tenant.key())
                .bind("id", caseId)
                .execute());
  }

  @Override
  public long append(TenantId tenant, CaseEvent e) {
    return events.append(tenant, e);
  }

  @Override
  public List<CaseEvent> history(TenantId tenant, long caseId) {
    return events.history(tenant, caseId);
  }

  @Override
  public Map<Long, List<CaseEvent>> histories(TenantId tenant, Collection<Long> caseIds) {
    return events.histories(tenant, caseIds);
  }

  @Override
  public List<SupportCase> list(
      TenantId tenant, Set<CaseStatus> statuses, Optional<String> ownerId, int limit) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT * FROM cases WHERE tenant_id = :tenant AND status IN (<statuses>)"
            + (ownerId.isPresent() ? " AND owner_id = :owner" : "")
            + " ORDER BY created_at, id LIMIT :limit";
    return tx.withHandle(
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.key())
                .bindList(
                    "statuses", statuses.stream().map(Enum::name).collect(Collectors.toList()))
                .bind("owner", ownerId.orElse(null))
                .bind("limit", limit)
                .map(CASE)
                .list());
  }

  @Override
  public List<SupportCase> createdBetween(TenantId tenant, Instant from, Instant to, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM cases WHERE tenant_id = :tenant AND created_at >= :from"
                        + " AND created_at <= :to ORDER BY created_at, id LIMIT :limit")
                .bind("tenant", tenant.key())
                .bind("from", from)
                .bind("to", to)
                .bind("limit", limit)
                .map(CASE)
                .list());
  }

  @Override
  public List<TenantId> tenantsWithChannel(String channelId) {
    return tx.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT DISTINCT tenant_id FROM cases WHERE channel_id = :channel ORDER BY tenant_id")
                .bind("channel", channelId)
                .mapTo(String.class)
                .list()
                .stream()
                .map(TenantId::fromKey)
                .toList());
  }

  @Override
  public List<SupportCase> openEverywhere(int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM cases WHERE status IN ('UNCLAIMED', 'CLAIMED', 'WAITING_ON_CUSTOMER')"
                        + " ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .map(CASE)
                .list());
  }

  @Override
  public List<CaseListing> search(TenantId tenant, CaseSearch search) {
    if (search.statuses().isEmpty() || search.inChannels().map(Set::isEmpty).orElse(false)) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT * FROM cases WHERE tenant_id = :tenant AND status IN (<statuses>)"
                + " AND number > :after");
    search.ownerId().ifPresent(o -> sql.append(" AND owner_id = :owner"));
    search.inChannels().ifPresent(c -> sql.append(" AND channel_id IN (<inChannels>)"));
    if (!search.notInChannels().isEmpty()) {
      sql.append(" AND channel_id NOT IN (<notInChannels>)");
    }
    search.updatedSince().ifPresent(u -> sql.append(" AND updated_at >= :since"));
    sql.append(" ORDER BY number LIMIT :limit");
    return tx.withHandle(
        h -> {
          var q =
              h.createQuery(sql.toString())
                  .bind("tenant", tenant.key())
                  .bindList(
                      "statuses",
                      search.statuses().stream().map(Enum::name).collect(Collectors.toList()))
                  .bind("after", search.afterNumber())
                  .bind("limit", search.limit());
          search.ownerId().ifPresent(o -> q.bind("owner", o));
          search.inChannels().ifPresent(c -> q.bindList("inChannels", List.copyOf(c)));
          if (!search.notInChannels().isEmpty()) {
            q.bindList("notInChannels", List.copyOf(search.notInChannels()));
          }
          search.updatedSince().ifPresent(u -> q.bind("since", u));
          return q.map(
                  (rs, ctx) ->
                      new CaseListing(CaseRows.mapCase(rs, ctx), instant(rs, "updated_at")))
              .list();
        });
  }

  @Override
  public Optional<Instant> updatedAt(TenantId tenant, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT updated_at FROM cases WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tenant.key())
                .bind("id", caseId)
                .map((rs, ctx) -> instant(rs, "updated_at"))
                .findOne());
  }

  @Override
  public int countByStatus(CaseStatus status) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM cases WHERE status = :status")
                .bind("status", status.name())
                .mapTo(Integer.class)
                .one());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
