package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.TenantRepository;
import java.time.Clock;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Tenants and their counters in the {@code tenants} table. */
public final class JdbiTenantRepository implements TenantRepository {

  private final JdbiTransactions tx;
  private final Clock clock;

  public JdbiTenantRepository(JdbiTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void ensure(TenantId tenant) {
    try {
      tx.withHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO tenants (id, platform, workspace, created_at) "
                          + "SELECT :id, :platform, :workspace, :now "
                          + "WHERE NOT EXISTS (SELECT 1 FROM tenants WHERE id = :id)")
                  .bind("id", tenant.key())
                  .bind("platform", tenant.platform().key())
                  .bind("workspace", tenant.workspace())
                  .bind("now", clock.instant())
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (!UniqueViolation.isCauseOf(e) || tx.inTransaction()) {
        throw e;
      }
      // Another request created it at the same moment: fine.
    }
  }

  @Override
  public int nextCaseNumber(TenantId tenant) {
    return next(tenant, "next_case_number");
  }

  @Override
  public int nextReminderNumber(TenantId tenant) {
    return next(tenant, "next_reminder_number");
  }

  private int next(TenantId tenant, String column) {
    return tx.withHandle(
        h -> {
          // The update locks the tenant row until the transaction ends, so numbers never repeat.
          int rows =
              h.createUpdate(
                      "UPDATE tenants SET " + column + " = " + column + " + 1 WHERE id = :id")
                  .bind("id", tenant.key())
                  .execute();
          if (rows == 0) {
            throw new IllegalStateException(
                "tenant " + tenant + " is not recorded; call ensure first");
          }
          return h.createQuery("SELECT " + column + " - 1 FROM tenants WHERE id = :id")
              .bind("id", tenant.key())
              .mapTo(Integer.class)
              .one();
        });
  }
}
