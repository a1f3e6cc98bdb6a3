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
      return Optional.of(PG + "?currentSchema=" + schema + "&user=postgres");
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  static DatabaseSettings postgres(String url) {
    return new DatabaseSettings(url, "postgres", "", 10);
  }
}
