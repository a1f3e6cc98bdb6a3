package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.Recurrence;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.ReminderRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/** Reminders in the {@code reminders} table. */
public final class JdbiReminderRepository implements ReminderRepository {

  private static final RowMapper<Reminder> REMINDER = ReminderRows::map;

  private final JdbiTransactions tx;

  public JdbiReminderRepository(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public Reminder insert(Reminder r) {
    long id =
        tx.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO reminders (tenant_id, number, recipient_id, creator_id, case_id, kind, note,"
                            + " due_at, status, occurrence, snooze_count, created_at, link, channel_id,"
                            + " channel_name) VALUES (:tenant, :number, :recipient, :creator, :caseId,"
                            + " :kind, :note, :due, :status, :occurrence, :snoozes, :createdAt, :link,"
                            + " :channelId, :channelName)")
                    .bind("tenant", r.tenant().key())
                    .bind("number", r.number())
                    .bind("recipient", r.recipientId())
                    .bind("creator", r.creatorId())
                    .bind("caseId", r.caseId().orElse(null))
                    .bind("kind", r.kind().name())
                    .bind("note", r.note().orElse(null))
                    .bind("due", r.dueAt())
                    .bind("status", r.status().name())
                    .bind("occurrence", r.occurrence())
                    .bind("snoozes", r.snoozeCount())
                    .bind("createdAt", r.createdAt())
                    .bind("link", r.link().orElse(null))
                    .bind("channelId", r.channel().map(ReminderChannel::id).orElse(null))
                    .bind("channelName", r.channel().map(ReminderChannel::name).orElse(null))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return findById(id).orElseThrow();
  }

  @Override
  public Optional<Reminder> findByNumber(TenantId tenant, int number) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM reminders WHERE tenant_id = :tenant AND number = :number")
                .bind("tenant", tenant.key())
                .bind("number", number)
                .map(REMINDER)
                .findOne());
  }

  @Override
  public Optional<Reminder> findById(long id) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM reminders WHERE id = :id")
                .bind("id", id)
                .map(REMINDER)
                .findOne());
  }

  @Override
  public boolean update(Reminder r, ReminderStatus expectedStatus, int expectedOccurrence) {
    return tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE reminders SET status = :status, due_at = :due, occurrence = :occurrence,"
                            + " snooze_count = :snoozes, delivered_at = :deliveredAt, completed_at = :completedAt,"
                            + " last_error = :error"
                            + " WHERE tenant_id = :tenant AND id = :id AND status = :expectedStatus"
                            + " AND occurrence = :expectedOccurrence")
                    .bind("status", r.status().name())
                    .bind("due", r.dueAt())
                    .bind("occurrence", r.occurrence())
                    .bind("snoozes", r.snoozeCount())
                    .bindByType("deliveredAt", r.deliveredAt().orElse(null), Instant.class)
                    .bindByType("completedAt", r.completedAt().orElse(null), Instant.class)
                    .bind("error", r.lastError().orElse(null))
                    .bind("tenant", r.tenant().key())
                    .bind("id", r.id())
                    .bind("expectedStatus", expectedStatus.name())
                    .bind("expectedOccurrence", expectedOccurrence)
                    .execute())
        == 1;
  }

  @Override
  public List<Reminder> active(TenantId tenant, String recipientId, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM reminders WHERE tenant_id = :tenant AND recipient_id = :recipient"
                        + " AND status IN ('PENDING', 'DELIVERED') ORDER BY due_at, id LIMIT :limit")
                .bind("tenant", tenant.key())
                .bind("recipient", recipientId)
                .bind("limit", limit)
                .map(REMINDER)
                .list());
  }

  @Override
  public List<Reminder> pendingForCase(TenantId tenant, long caseId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM reminders WHERE tenant_id = :tenant AND case_id = :caseId AND status = 'PENDING'"
                        + " ORDER BY due_at, id")
                .bind("tenant", tenant.key())
                .bind("caseId", caseId)
                .map(REMINDER)
                .list());
  }

  @Override
  public int countCompleted(TenantId tenant, ReminderStatus status, Instant from, Instant to) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM reminders WHERE tenant_id = :tenant AND status = :status"
                        + " AND completed_at >= :from AND completed_at <= :to")
                .bind("tenant", tenant.key())
                .bind("status", status.name())
                .bind("from", from)
                .bind("to", to)
                .mapTo(Integer.class)
                .one());
  }

  /**
   * Two steps: the candidates are chosen without locks, then only they are locked. On H2 a locking
   * query that sorts locks every row it sorts, and other callers would skip far more than was
   * taken. A candidate another caller queued in between may be locked all the same; queueing it
   * again finds its outbox entry and adds nothing.
   */
  @Override
  public List<Reminder> takeDue(Instant dueBefore, Set<Platform> platforms, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<Long> candidates =
        tx.withHandle(
            h ->
                h.createQuery(
                        "SELECT r.id FROM reminders r WHERE "
                            + DUE_AND_NOT_QUEUED
                            + " AND "
                            + PlatformFilter.sql(platforms)
                            + " ORDER BY r.due_at, r.id LIMIT :limit")
                    .bind("before", dueBefore)
                    .bind("limit", limit)
                    .mapTo(Long.class)
                    .list());
    if (candidates.isEmpty()) {
      return List.of();
    }
    Map<Long, Reminder> taken = new HashMap<>();
    tx.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM reminders r WHERE r.id IN (<ids>) AND "
                            + DUE_AND_NOT_QUEUED
                            + " ORDER BY r.id FOR UPDATE SKIP LOCKED")
                    .bindList("ids", candidates)
                    .bind("before", dueBefore)
                    .map(REMINDER)
                    .list())
        .forEach(r -> taken.put(r.id(), r));
    return candidates.stream().map(taken::get).filter(Objects::nonNull).toList();
  }

  @Override
  public Optional<Reminder> takeIfDue(long id, Instant dueBefore) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM reminders r WHERE r.id = :id AND "
                        + DUE_AND_NOT_QUEUED
                        + " FOR UPDATE SKIP LOCKED")
                .bind("id", id)
                .bind("before", dueBefore)
                .map(REMINDER)
                .findOne());
  }

  private static final String DUE_AND_NOT_QUEUED =
      "r.status = 'PENDING' AND r.due_at <= :before AND NOT EXISTS (SELECT 1 FROM outbox o"
          + " WHERE o.reminder_id = r.id AND o.reminder_occurrence = r.occurrence)";

  @Override
  public long insertSeries(
      TenantId tenant,
      Recurrence rule,
      ZoneId zone,
      boolean skipHolidays,
      Optional<String> channelId,
      Instant now) {
    return tx.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO reminder_series (tenant_id, rule, zone, skip_holidays, channel_id,"
                        + " status, created_at) VALUES (:tenant, :rule, :zone, :skip, :channel,"
                        + " 'ACTIVE', :now)")
                .bind("tenant", tenant.key())
                .bind("rule", rule.text())
                .bind("zone", zone.getId())
                .bind("skip", skipHolidays)
                .bind("channel", channelId.orElse(null))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public void linkToSeries(long reminderId, long seriesId) {
    tx.withHandle(
        h ->
            h.createUpdate("UPDATE reminders SET series_id = :series WHERE id = :id")
                .bind("series", seriesId)
                .bind("id", reminderId)
                .execute());
  }

  @Override
  public Optional<Series> seriesOf(long reminderId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.id, s.tenant_id, s.rule, s.zone, s.skip_holidays, s.channel_id,"
                        + " s.status, (SELECT MAX(o.id) FROM reminders o WHERE o.series_id = s.id)"
                        + " AS latest FROM reminders r JOIN reminder_series s ON s.id = r.series_id"
                        + " WHERE r.id = :id")
                .bind("id", reminderId)
                .map(
                    (rs, ctx) ->
                        new Series(
                            rs.getLong("id"),
                            TenantId.fromKey(rs.getString("tenant_id")),
                            Recurrence.parse(rs.getString("rule")),
                            ZoneId.of(rs.getString("zone")),
                            rs.getBoolean("skip_holidays"),
                            Optional.ofNullable(rs.getString("channel_id")),
                            "ACTIVE".equals(rs.getString("status")),
                            rs.getLong("latest")))
                .findOne());
  }

  @Override
  public boolean lockIfActive(long seriesId) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT status FROM reminder_series WHERE id = :id FOR UPDATE")
                .bind("id", seriesId)
                .mapTo(String.class)
                .findOne()
                .filter("ACTIVE"::equals)
                .isPresent());
  }

  @Override
  public boolean stopSeries(long seriesId, Instant now) {
    return tx.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE reminder_series SET status = 'STOPPED', stopped_at = :now"
                            + " WHERE id = :id AND status = 'ACTIVE'")
                    .bind("id", seriesId)
                    .bind("now", now)
                    .execute())
        == 1;
  }
}
