package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.Addresses;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Addresses in the {@code addresses} table, keyed by tenant and address key. */
public final class JdbiAddresses implements Addresses {

  private final JdbiTransactions tx;
  private final Clock clock;

  public JdbiAddresses(JdbiTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void save(TenantId tenant, String key, String state) {
    if (state.length() > MAX_STATE) {
      throw new IllegalArgumentException("address state must be at most " + MAX_STATE + " chars");
    }
    for (int round = 0; round < 2; round++) {
      int updated =
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "UPDATE addresses SET state = :state, updated_at = :now"
                              + " WHERE tenant_id = :tenant AND address_key = :key")
                      .bind("state", state)
                      .bind("now", clock.instant())
                      .bind("tenant", tenant.key())
                      .bind("key", key)
                      .execute());
      if (updated == 1) {
        return;
      }
      try {
        tx.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO addresses (tenant_id, address_key, state, updated_at)"
                            + " VALUES (:tenant, :key, :state, :now)")
                    .bind("tenant", tenant.key())
                    .bind("key", key)
                    .bind("state", state)
                    .bind("now", clock.instant())
                    .execute());
        return;
      } catch (UnableToExecuteStatementException e) {
        if (!UniqueViolation.isCauseOf(e) || tx.inTransaction()) {
          throw e;
        }
        // saved by another request a moment ago: update it on the next round
      }
    }
  }

  @Override
  public Optional<String> find(TenantId tenant, String key) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT state FROM addresses WHERE tenant_id = :tenant AND address_key = :key")
                .bind("tenant", tenant.key())
                .bind("key", key)
                .mapTo(String.class)
                .findOne());
  }
}
