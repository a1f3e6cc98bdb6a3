package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.WorkingHours;
import dev.followupbot.core.port.PersonRepository;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** People in the {@code people} table. */
public final class JdbiPersonRepository implements PersonRepository {

  private final JdbiTransactions tx;
  private final Clock clock;

  public JdbiPersonRepository(JdbiTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void save(Person person) {
    try {
      upsert(person);
    } catch (UnableToExecuteStatementException e) {
      if (!UniqueViolation.isCauseOf(e) || tx.inTransaction()) {
        throw e;
      }
      upsert(person); // someone inserted the same person a moment ago; now it is an update
    }
  }

  private void upsert(Person person) {
    tx.inTransaction(
        () ->
            tx.withHandle(
                h -> {
                  int updated =
                      h.createUpdate(
                              "UPDATE people SET display_name = :name, time_zone = :zone, working_hours = :hours,"
                                  + " updated_at = :now WHERE tenant_id = :tenant AND user_id = :user")
                          .bind("name", clip(person.displayName(), 200))
                          .bind("zone", person.zone().getId())
                          .bind(
                              "hours", person.workingHours().map(WorkingHours::format).orElse(null))
                          .bind("now", clock.instant())
                          .bind("tenant", person.tenant().key())
                          .bind("user", person.userId())
                          .execute();
                  if (updated == 0) {
                    h.createUpdate(
                            "INSERT INTO people (tenant_id, user_id, display_name, time_zone, working_hours, updated_at)"
                                + " VALUES (:tenant, :user, :name, :zone, :hours, :now)")
                        .bind("tenant", person.tenant().key())
                        .bind("user", person.userId())
                        .bind("name", clip(person.displayName(), 200))
                        .bind("zone", person.zone().getId())
                        .bind("hours", person.workingHours().map(WorkingHours::format).orElse(null))
                        .bind("now", clock.instant())
                        .execute();
                  }
                  return null;
                }));
  }

  @Override
  public Optional<Person> find(TenantId tenant, String userId) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM people WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", tenant.key())
                .bind("user", userId)
                .map(mapper(tenant))
                .findOne());
  }

  @Override
  public Optional<Person> findByName(TenantId tenant, String displayName) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM people WHERE tenant_id = :tenant AND LOWER(display_name) = LOWER(:name)"
                        + " ORDER BY updated_at DESC LIMIT 1")
                .bind("tenant", tenant.key())
                .bind("name", displayName)
                .map(mapper(tenant))
                .findOne());
  }

  @Override
  public void setDigestOff(TenantId tenant, String userId, boolean off) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE people SET digest_off = :off WHERE tenant_id = :tenant AND user_id = :user")
                .bind("off", off)
                .bind("tenant", tenant.key())
                .bind("user", userId)
                .execute());
  }

  @Override
  public boolean digestOff(TenantId tenant, String userId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT digest_off FROM people WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", tenant.key())
                .bind("user", userId)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
  }

  @Override
  public java.util.List<Person> digestRecipients(int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM people WHERE digest_off = FALSE ORDER BY tenant_id, user_id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> mapper(TenantId.fromKey(rs.getString("tenant_id"))).map(rs, ctx))
                .list());
  }

  private static RowMapper<Person> mapper(TenantId tenant) {
    return (rs, ctx) ->
        new Person(
            tenant,
            rs.getString("user_id"),
            rs.getString("display_name"),
            ZoneId.of(rs.getString("time_zone")),
            Optional.ofNullable(rs.getString("working_hours")).map(WorkingHours::parse));
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
