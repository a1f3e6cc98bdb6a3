package dev.followupbot.app.copy;

import dev.followupbot.app.copy.JdbcSchema.Column;
import dev.followupbot.app.copy.JdbcSchema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Copies every row of one followup-bot database into another of the same schema version: every
 * table but Flyway's history, Quartz's included so pending wake-ups survive, parents before
 * children, in one transaction on the target. Ids keep their values; on PostgreSQL the identity
 * sequences then continue after them.
 */
public final class TableCopy {

  static final String FLYWAY_HISTORY = "flyway_schema_history";
  private static final int BATCH = 500;

  private TableCopy() {}

  /**
   * Copies {@code from} into {@code to}. Quartz's rows already in {@code to} (left by a start on
   * the empty database) are replaced by the source's. On any failure nothing is kept.
   */
  public static CopyReport copy(DataSource from, DataSource to) throws SQLException {
    long started = System.nanoTime();
    try (Connection source = from.getConnection();
        Connection target = to.getConnection()) {
      source.setAutoCommit(false);
      source.setReadOnly(true);
      source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      target.setAutoCommit(false);
      try {
        JdbcSchema in = JdbcSchema.read(source);
        JdbcSchema out = JdbcSchema.read(target);
        List<Table> copied = tablesToCopy(in, out);
        List<Table> quartz =
            copied.stream().filter(t -> t.key().startsWith("qrtz_")).collect(Collectors.toList());
        Collections.reverse(quartz);
        try (Statement s = target.createStatement()) {
          for (Table t : quartz) {
            s.executeUpdate("DELETE FROM " + out.qualified(t));
          }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table t : copied) {
          rows.put(
              t.name(), copyRows(source, in, in.table(t.name()).orElseThrow(), target, out, t));
        }
        int sequences =
            target.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")
                ? PostgresSequences.continueAfterCopiedIds(target, out, copied)
                : 0;
        target.commit();
        return new CopyReport(rows, sequences, Duration.ofNanos(System.nanoTime() - started));
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        throw e;
      } finally {
        source.rollback();
      }
    }
  }

  /**
   * The target's tables that the source has too, in the target's foreign-key order; fails when the
   * target lacks one of the source's tables or columns (the two are at different versions).
   */
  private static List<Table> tablesToCopy(JdbcSchema in, JdbcSchema out) {
    List<String> missing = new ArrayList<>();
    for (Table t : in.tables()) {
      if (t.key().equals(FLYWAY_HISTORY)) {
        continue;
      }
      out.table(t.name())
          .ifPresentOrElse(
              target ->
                  t.columns().stream()
                      .filter(c -> target.column(c.name()).isEmpty())
                      .forEach(c -> missing.add(t.name() + "." + c.name())),
              () -> missing.add(t.name()));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the target's schema lacks "
              + String.join(", ", missing)
              + " (was it migrated by another version of followup-bot?)");
    }
    return out.tables().stream()
        .filter(t -> !t.key().equals(FLYWAY_HISTORY) && in.table(t.name()).isPresent())
        .toList();
  }

  private static long copyRows(
      Connection source, JdbcSchema in, Table from, Connection target, JdbcSchema out, Table to)
      throws SQLException {
    List<Column> reads = from.columns();
    List<Column> writes = reads.stream().map(c -> to.column(c.name()).orElseThrow()).toList();
    String select =
        "SELECT "
            + reads.stream().map(c -> JdbcSchema.quote(c.name())).collect(Collectors.joining(", "))
            + " FROM "
            + in.qualified(from);
    String insert =
        "INSERT INTO "
            + out.qualified(to)
            + " ("
            + writes.stream().map(c -> JdbcSchema.quote(c.name())).collect(Collectors.joining(", "))
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(writes.size(), "?"))
            + ")";
    long count = 0;
    try (Statement s = source.createStatement()) {
      s.setFetchSize(BATCH);
      try (ResultSet rs = s.executeQuery(select);
          PreparedStatement ps = target.prepareStatement(insert)) {
        while (rs.next()) {
          for (int i = 0; i < reads.size(); i++) {
            bind(rs, i + 1, reads.get(i), ps, writes.get(i));
          }
          ps.addBatch();
          if (++count % BATCH == 0) {
            ps.executeBatch();
          }
        }
        if (count % BATCH != 0) {
          ps.executeBatch();
        }
      }
    }
    return count;
  }

  /**
   * Binary columns (H2's BLOB, PostgreSQL's bytea) go across as bytes, character LOBs as text, the
   * rest as the driver's own objects (timestamps with their offset, booleans, numbers).
   */
  private static void bind(ResultSet rs, int i, Column from, PreparedStatement ps, Column to)
      throws SQLException {
    Object value;
    if (binary(from.type()) || binary(to.type())) {
      value = rs.getBytes(i);
    } else if (from.type() == Types.CLOB || from.type() == Types.NCLOB) {
      value = rs.getString(i);
    } else {
      value = rs.getObject(i);
    }
    if (value == null) {
      ps.setNull(i, to.type());
    } else if (value instanceof byte[] bytes) {
      ps.setBytes(i, bytes);
    } else {
      ps.setObject(i, value);
    }
  }

  private static boolean binary(int type) {
    return type == Types.BLOB
        || type == Types.BINARY
        || type == Types.VARBINARY
        || type == Types.LONGVARBINARY;
  }
}
