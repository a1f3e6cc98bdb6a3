package dev.followupbot.core.testing;

import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for tests: an in-memory H2 per call, or a new schema in the local
 * PostgreSQL (skipped with a message where none is reachable).
 */
public final class TestDatabases {

  public static final String PG_HOST =
      System.getenv().getOrDefault("FOLLOWUP_TEST_PG_HOST", "127.0.0.1");
  public static final String PG_PORT =
      System.getenv().getOrDefault("FOLLOWUP_TEST_PG_PORT", "5432");
  public static final String PG_DB = System.getenv().getOrDefault("FOLLOWUP_TEST_PG_DB", "test");
  public static final String PG_USER =
      System.getenv().getOrDefault("FOLLOWUP_TEST_PG_USER", "postgres");

  private static final java.util.List<String> CREATED =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  static {
    // Each PostgreSQL test gets its own schema; drop them when the test JVM ends, so repeated
    // builds do not pile them up in the server.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TestDatabases::dropCreated, "drop-test-schemas"));
  }

  private TestDatabases() {}

  private static void dropCreated() {
    Properties props = new Properties();
    props.setProperty("user", PG_USER);
    props.setProperty("connectTimeout", "2");
    synchronized (CREATED) {
      if (CREATED.isEmpty()) {
        return;
      }
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB, props);
          Statement s = c.createStatement()) {
        // Never let a lingering connection's lock hold up the end of the build.
        s.execute("SET lock_timeout = '2s'");
        for (String schema : CREATED) {
          try {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          } catch (SQLException busy) {
            // still in use; it stays, and nothing depends on it
          }
        }
      } catch (SQLException e) {
        // The server went away; the schemas stay, and nothing depends on them.
      }
    }
  }

  public static DatabaseSettings h2Settings() {
    return new DatabaseSettings(
        "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
        "sa",
        "",
        8);
  }

  public static Database h2() {
    return Database.open(h2Settings());
  }

  /** A new schema in the local PostgreSQL; the test is skipped (not failed) without a server. */
  public static DatabaseSettings postgresSettings() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String base = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB;
    Properties props = new Properties();
    props.setProperty("user", PG_USER);
    props.setProperty("connectTimeout", "2");
    try (Connection c = DriverManager.getConnection(base, props);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      CREATED.add(schema);
    } catch (SQLException e) {
      Assumptions.abort(
          "PostgreSQL is not reachable at "
              + base
              + " as "
              + PG_USER
              + " ("
              + e.getMessage()
              + "); skipping. Start it, or set FOLLOWUP_TEST_PG_HOST/PORT/DB/USER.");
    }
    return new DatabaseSettings(base + "?currentSchema=" + schema, PG_USER, "", 8);
  }

  public static Database postgres() {
    return Database.open(postgresSettings());
  }

  /** Whether a PostgreSQL server answers, for tests that report rather than skip. */
  public static boolean postgresReachable() {
    Properties props = new Properties();
    props.setProperty("user", PG_USER);
    props.setProperty("connectTimeout", "2");
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB, props)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
