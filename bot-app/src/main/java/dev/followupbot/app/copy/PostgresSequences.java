package dev.followupbot.app.copy;

import dev.followupbot.app.copy.JdbcSchema.Column;
import dev.followupbot.app.copy.JdbcSchema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Rows copied with their ids leave PostgreSQL's identity (and serial) sequences at 1; the next
 * insert would collide. Each sequence is set to continue after the largest copied id.
 */
final class PostgresSequences {

  private static final Set<Integer> INTEGERS = Set.of(Types.BIGINT, Types.INTEGER, Types.SMALLINT);

  private PostgresSequences() {}

  /** Returns how many sequences were set. */
  static int continueAfterCopiedIds(Connection c, JdbcSchema schema, List<Table> tables)
      throws SQLException {
    int set = 0;
    try (PreparedStatement owned = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
      for (Table t : tables) {
        for (Column column : t.columns()) {
          if (!INTEGERS.contains(column.type())) {
            continue;
          }
          owned.setString(1, schema.qualified(t));
          owned.setString(2, column.name());
          String sequence;
          try (ResultSet rs = owned.executeQuery()) {
            sequence = rs.next() ? rs.getString(1) : null;
          }
          if (sequence == null) {
            continue;
          }
          try (PreparedStatement next =
              c.prepareStatement(
                  "SELECT setval(CAST(? AS regclass), COALESCE((SELECT MAX("
                      + JdbcSchema.quote(column.name())
                      + ") FROM "
                      + schema.qualified(t)
                      + "), 0) + 1, false)")) {
            next.setString(1, sequence);
            next.execute();
          }
          set++;
        }
      }
    }
    return set;
  }
}
