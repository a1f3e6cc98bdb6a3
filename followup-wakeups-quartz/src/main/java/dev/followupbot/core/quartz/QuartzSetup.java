package dev.followupbot.core.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * How Quartz is set up on our database: its SQL dialect for the database at hand, its properties
 * (the clustered JDBC job store, one trigger per acquisition lock, a short retry while the database
 * is away), and a connection provider that lends it our own pool.
 */
final class QuartzSetup {

  /**
   * Quartz's SQL dialect for the database behind {@code dataSource}: PostgreSQL's own (it stores
   * job data as bytea), the standard one for H2.
   */
  static String delegateFor(DataSource dataSource) {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read which database Quartz runs on: " + e.getMessage(), e);
    }
    return product.toLowerCase(Locale.ROOT).contains("postgres")
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
  }

  static Properties properties(
      String delegate, QuartzSettings settings, String dataSourceName, String instanceId) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", QuartzReminderScheduler.INSTANCE_NAME);
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
        Integer.toString(settings.threads()));
    p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate);
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(settings.misfireThreshold().toMillis()));
    // Without this, two cluster nodes can acquire the same trigger (quartz-scheduler/quartz#107).
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.checkinInterval().toMillis()));
    // While the database is away, try again every 2 s rather than 15: work resumes soon after.
    p.setProperty("org.quartz.jobStore.dbRetryInterval", "2000");
    return p;
  }

  /** Lends Quartz connections from our own pool, so there is one pool per process. */
  static final class PoolProvider implements ConnectionProvider {
    private final DataSource dataSource;

    PoolProvider(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }

  private QuartzSetup() {}
}
