package dev.followupbot.core.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The connection pool, the schema (migrated by Flyway at start, Quartz's tables included) and the
 * Jdbi handle on top. H2 (embedded, the default) and PostgreSQL are supported.
 */
public final class Database implements AutoCloseable {

  /** The databases followup-bot knows how to talk to. */
  public enum Vendor {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String migrations;

    Vendor(String migrations) {
      this.migrations = migrations;
    }
  }

  private final HikariDataSource pool;
  private final Vendor vendor;
  private final Jdbi jdbi;
  private final ExecutorService probes =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "followup-db-health");
            t.setDaemon(true);
            return t;
          });
  private Future<Boolean> probe;

  /** How long {@link #isHealthy} waits for the database to answer. */
  public static final Duration HEALTH_PATIENCE = Duration.ofSeconds(2);

  private Database(HikariDataSource pool, Vendor vendor) {
    this.pool = pool;
    this.vendor = vendor;
    this.jdbi = Jdbi.create(pool);
    jdbi.registerArgument(new InstantArgumentFactory());
    jdbi.registerColumnMapper(
        Instant.class,
        (rs, column, ctx) -> {
          OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
          return value == null ? null : value.toInstant();
        });
  }

  /**
   * Connects, migrates the schema and returns the database. Fails with a {@link
   * DatabaseUnavailable} whose message says what to do.
   */
  public static Database open(DatabaseSettings settings) {
    Vendor vendor = vendorOf(settings.url());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(vendor == Vendor.H2 ? durableH2(settings.url()) : settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setPoolName("followup");
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseUnavailable(explain(settings, vendor, e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          // Portable scripts are shared; only what differs (Quartz's tables) is per vendor.
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrations)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new DatabaseUnavailable(
          "Could not prepare the database schema at " + settings.url() + ": " + rootMessage(e), e);
    }
    return new Database(pool, vendor);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Vendor vendor() {
    return vendor;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * True when a connection answers a trivial query within {@link #HEALTH_PATIENCE}. Getting a
   * connection from the pool can wait for the pool's whole connection timeout while the database is
   * away, so the probe runs on its own thread and the caller waits only this long; callers arriving
   * while a probe is still running share it rather than pile up.
   */
  public boolean isHealthy() {
    Future<Boolean> check;
    synchronized (this) {
      if (probe == null || probe.isDone()) {
        try {
          probe = probes.submit(this::probe);
        } catch (RejectedExecutionException closed) {
          return false;
        }
      }
      check = probe;
    }
    try {
      return check.get(HEALTH_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean probe() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout((int) HEALTH_PATIENCE.toSeconds());
      s.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    probes.shutdownNow();
    pool.close();
  }

  static Vendor vendorOf(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return Vendor.H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return Vendor.POSTGRESQL;
    }
    throw new DatabaseUnavailable(
        "Unsupported database URL '"
            + url
            + "': use jdbc:h2:… (embedded) or jdbc:postgresql://host:5432/db.",
        null);
  }

  /**
   * H2 delays commits to disk by 500 ms by default, so a kill -9 can lose acknowledged writes.
   * followup-bot promises not to lose a reminder it confirmed, so commits go to disk at once; and
   * the database stays open until we close it, after the scheduler has stopped.
   */
  static String durableH2(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    int at = upper.indexOf(";WRITE_DELAY=");
    if (at >= 0) {
      String value = upper.substring(at + ";WRITE_DELAY=".length()).split(";")[0].trim();
      if (!value.equals("0")) {
        throw new DatabaseUnavailable(
            "The H2 URL sets WRITE_DELAY="
                + value
                + ": a crash could then lose reminders you were told are saved."
                + " Remove it (followup-bot uses WRITE_DELAY=0).",
            null);
      }
    }
    String durable = at >= 0 ? url : url + ";WRITE_DELAY=0";
    durable = upper.contains(";DB_CLOSE_ON_EXIT=") ? durable : durable + ";DB_CLOSE_ON_EXIT=FALSE";
    String qc = System.getProperty("qc");
    return qc == null || upper.contains(";QUERY_CACHE_SIZE=")
        ? durable
        : durable + ";QUERY_CACHE_SIZE=" + qc;
  }

  private static String explain(DatabaseSettings settings, Vendor vendor, Exception e) {
    String cause = rootMessage(e);
    if (vendor == Vendor.H2
        && (cause.contains("already in use") || cause.contains("file is locked"))) {
      return "The database "
          + settings.url()
          + " is in use by another followup-bot process."
          + " Stop that one first, or point this one elsewhere with FOLLOWUP_DATA_DIR or FOLLOWUP_DB_URL.";
    }
    return "Could not connect to the database at "
        + settings.url()
        + " as '"
        + settings.user()
        + "': "
        + cause;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    int newline = m.indexOf('\n');
    return newline > 0 ? m.substring(0, newline) : m;
  }

  /** Binds instants as UTC timestamps with time zone, the same way on H2 and PostgreSQL. */
  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) ->
          statement.setObject(position, value.atOffset(ZoneOffset.UTC));
    }
  }
}
