package dev.followupbot.app.copy;

import dev.followupbot.app.copy.JdbcSchema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** What is checked before a copy may write anything. */
public final class Preflight {

  private Preflight() {}

  /**
   * followup-bot's own tables in {@code target} that hold rows, each as "cases (2 rows)"; empty
   * when there is nothing a copy could collide with. Quartz's rows do not count: a start on the
   * empty database leaves some, and the copy replaces them with the source's.
   */
  public static List<String> dataHeldBy(DataSource target) throws SQLException {
    List<String> held = new ArrayList<>();
    try (Connection c = target.getConnection();
        Statement s = c.createStatement()) {
      JdbcSchema schema = JdbcSchema.read(c);
      for (Table t : schema.tables()) {
        if (t.key().startsWith("qrtz_") || t.key().equals(TableCopy.FLYWAY_HISTORY)) {
          continue;
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + schema.qualified(t))) {
          long n = rs.next() ? rs.getLong(1) : 0;
          if (n > 0) {
            held.add(t.name() + " (" + n + (n == 1 ? " row)" : " rows)"));
          }
        }
      }
    }
    return held;
  }

  /**
   * Whether two PostgreSQL data sources reach the same schema of the same database, however their
   * URLs are written (localhost or 127.0.0.1, a host name, a proxy): the one sees the other's
   * session among the server's, and both name the same database and schema.
   */
  public static boolean samePostgresSchema(DataSource a, DataSource b) throws SQLException {
    try (Connection one = a.getConnection();
        Connection other = b.getConnection()) {
      Session first = Session.of(one);
      try (PreparedStatement s =
          other.prepareStatement(
              "SELECT current_database(), current_schema(),"
                  + " EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?"
                  + " AND backend_start = CAST(? AS timestamptz))")) {
        s.setInt(1, first.pid());
        s.setString(2, first.started());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getBoolean(3)
              && Objects.equals(rs.getString(1), first.database())
              && Objects.equals(rs.getString(2), first.schema());
        }
      }
    }
  }

  /** A PostgreSQL session: where it is, and the server process that serves it since when. */
  private record Session(String database, String schema, int pid, String started) {
    static Session of(Connection c) throws SQLException {
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT current_database(), current_schema(), pg_backend_pid(),"
                      + " CAST((SELECT backend_start FROM pg_stat_activity"
                      + " WHERE pid = pg_backend_pid()) AS text)")) {
        rs.next();
        return new Session(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
      }
    }
  }
}
