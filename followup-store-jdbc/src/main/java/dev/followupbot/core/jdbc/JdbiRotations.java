package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.Rotations;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Rotation positions in the {@code team_rotation} table, moved on with compare-and-set. */
public final class JdbiRotations implements Rotations {

  private final JdbiTransactions tx;

  public JdbiRotations(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public int next(String teamId, TenantId tenant, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1");
    }
    for (int round = 0; round < 10; round++) {
      Optional<Integer> current =
          tx.withHandle(
              h ->
                  h.createQuery(
                          "SELECT next_index FROM team_rotation WHERE team_id = :team AND tenant_id = :tenant")
                      .bind("team", teamId)
                      .bind("tenant", tenant.key())
                      .mapTo(Integer.class)
                      .findOne());
      if (current.isEmpty()) {
        try {
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO team_rotation (team_id, tenant_id, next_index) VALUES (:team, :tenant, 1)")
                      .bind("team", teamId)
                      .bind("tenant", tenant.key())
                      .execute());
          return 0;
        } catch (UnableToExecuteStatementException e) {
          if (!UniqueViolation.isCauseOf(e) || tx.inTransaction()) {
            throw e;
          }
          continue;
        }
      }
      int at = current.get();
      int moved =
          tx.withHandle(
              h ->
                  h.createUpdate(
                          "UPDATE team_rotation SET next_index = :next"
                              + " WHERE team_id = :team AND tenant_id = :tenant AND next_index = :at")
                      .bind("next", at + 1)
                      .bind("team", teamId)
                      .bind("tenant", tenant.key())
                      .bind("at", at)
                      .execute());
      if (moved == 1) {
        return Math.floorMod(at, size);
      }
    }
    throw new IllegalStateException("rotation of team " + teamId + " is too contended");
  }
}
