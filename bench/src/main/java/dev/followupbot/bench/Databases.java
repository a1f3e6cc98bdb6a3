package dev.followupbot.bench;

import dev.followupbot.core.jdbc.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Fresh databases for each measurement: an H2 file, or a new schema in the local PostgreSQL. */
final class Databases {

  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

  private static final java.util.List<String> CREATED =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  private Databases() {}

  static DatabaseSettings h2(Path dir) {
    return DatabaseSettings.h2File(dir.toString());
  }

  /** A new schema in the local PostgreSQL, or empty when none answers. */
  static Optional<String> postgresUrl() {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "2");
    try (Connection c = DriverManager.getConnection(PG, props);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      CREATED.add(schema);
      return Optional.of(PG + "?currentSchema=" + schema + "&user=postgres");
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** Drops the schemas this run created, so repeated runs do not pile them up in the server. */
  static void dropCreated() {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "2");
    synchronized (CREATED) {
      try (Connection c = DriverManager.getConnection(PG, props);
          Statement s = c.createStatement()) {
        for (String schema : CREATED) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        CREATED.clear();
      } catch (SQLException e) {
        System.err.println("Could not drop the benchmark's PostgreSQL schemas: " + e.getMessage());
      }
    }
  }

  /**
   * Gathers the planner's statistics for a schema's tables, as autovacuum does on a PostgreSQL
   * configured as shipped shortly after a table fills. A server with autovacuum off (the CI machine
   * has it off) would otherwise plan Quartz's lookups on a fresh schema blind, and pick a group
   * index for a lookup by name, scanning every trigger. Does nothing for other databases.
   */
  static void analyze(Optional<String> url) {
    if (url.isEmpty() || !url.get().startsWith("jdbc:postgresql:")) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url.get());
        Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    } catch (SQLException e) {
      System.err.println("Could not gather PostgreSQL statistics: " + e.getMessage());
    }
  }

  static DatabaseSettings postgres(String url) {
    return new DatabaseSettings(url, "postgres", "", 10);
  }
}
