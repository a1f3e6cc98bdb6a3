package dev.followupbot.core.jdbc;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Inserts a row unless one with the same key is already there, and tells whether it did; the
 * table's unique key decides who was first when several nodes insert at once. Works inside a
 * caller's transaction too: PostgreSQL, which would abort the transaction on a failed insert, skips
 * the duplicate in the statement ({@code ON CONFLICT DO NOTHING}); H2 reports a racing duplicate,
 * which undoes only the failed statement.
 *
 * <p>Each column is bound by its own name: column {@code event_key} takes {@code :event_key}.
 */
final class InsertOnce {

  private final JdbiTransactions tx;
  private final String sql;

  /**
   * @param key the columns of the table's primary or unique key
   * @param others the other columns the row fills
   */
  InsertOnce(
      JdbiTransactions tx,
      Database.Vendor vendor,
      String table,
      List<String> key,
      List<String> others) {
    this.tx = tx;
    List<String> columns = Stream.concat(key.stream(), others.stream()).toList();
    this.sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") SELECT "
            + columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "))
            + " WHERE NOT EXISTS (SELECT 1 FROM "
            + table
            + " WHERE "
            + key.stream().map(c -> c + " = :" + c).collect(Collectors.joining(" AND "))
            + ")"
            + (vendor == Database.Vendor.POSTGRESQL
                ? " ON CONFLICT (" + String.join(", ", key) + ") DO NOTHING"
                : "");
  }

  /** Inserts the row {@code bind} gives values to; false when the key was already taken. */
  boolean insert(UnaryOperator<Update> bind) {
    try {
      return tx.withHandle(h -> bind.apply(h.createUpdate(sql)).execute()) == 1;
    } catch (UnableToExecuteStatementException e) {
      if (UniqueViolation.isCauseOf(e)) {
        return false; // H2: another node inserted it a moment ago
      }
      throw e;
    }
  }
}
