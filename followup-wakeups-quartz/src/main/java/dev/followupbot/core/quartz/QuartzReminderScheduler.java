package dev.followupbot.core.quartz;

import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReminderScheduler} on Quartz with the JDBC job store in our own database, so wake-ups
 * survive restarts and, clustered, move to a surviving node. Jobs carry only an id; Quartz never
 * decides anything, it only wakes the core.
 */
public final class QuartzReminderScheduler implements ReminderScheduler, AutoCloseable {

  /** The same on every node of a cluster: it names the rows the nodes share. */
  static final String INSTANCE_NAME = "followup-bot";

  private static final Logger log = LoggerFactory.getLogger(QuartzReminderScheduler.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  /** Quartz's own allowance before it presumes a silent cluster member dead. */
  private static final long CLUSTER_GRACE_MILLIS = 7_500;

  private final Scheduler scheduler;
  private final QuartzSettings settings;
  private final BatchedWakeUps writes;
  private final DataSource dataSource;
  private final String node;
  private final long startedMillis;

  private QuartzReminderScheduler(
      Scheduler scheduler,
      QuartzSettings settings,
      DataSource dataSource,
      String node,
      long startedMillis) {
    this.scheduler = scheduler;
    this.node = node;
    this.startedMillis = startedMillis;
    this.dataSource = dataSource;
    this.settings = settings;
    this.writes = new BatchedWakeUps(scheduler);
  }

  /**
   * Creates the scheduler on the database's pool (Quartz's tables are in the same database), in
   * standby: reminders can be scheduled, nothing fires until {@link #start}.
   */
  public static QuartzReminderScheduler create(DataSource dataSource, QuartzSettings settings) {
    return create(dataSource, settings, "node");
  }

  /**
   * Like {@link #create(DataSource, QuartzSettings)}; clustered, the instance id is {@code node}
   * followed by this process's start time, unique to this life of this node, so a restarted node is
   * never mistaken for the one that died and the survivors recover what the dead one held.
   */
  public static QuartzReminderScheduler create(
      DataSource dataSource, QuartzSettings settings, String node) {
    long startedMillis = System.currentTimeMillis();
    String instanceId =
        settings.clustered() ? node + "-" + Long.toString(startedMillis, 36) : "single";
    String dataSourceName = "followup-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new QuartzSetup.PoolProvider(dataSource));
    try {
      StdSchedulerFactory factory =
          new StdSchedulerFactory(
              QuartzSetup.properties(
                  QuartzSetup.delegateFor(dataSource), settings, dataSourceName, instanceId));
      Scheduler scheduler = factory.getScheduler();
      // Quartz keeps schedulers in a JVM-wide registry by name; every start gets its own.
      SchedulerRepository.getInstance().remove(INSTANCE_NAME);
      return new QuartzReminderScheduler(scheduler, settings, dataSource, node, startedMillis);
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "Could not create the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  /**
   * Counts wake-ups that fire later than the misfire threshold on {@code registry}; call before
   * {@link #start}.
   */
  public void countMisfires(MeterRegistry registry) {
    try {
      scheduler
          .getListenerManager()
          .addTriggerListener(new MisfireCounter(registry, settings.misfireThreshold()));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not watch Quartz for misfires", e);
    }
  }

  /** Schedules the periodic sweep and starts firing wake-ups at {@code handler}. */
  public void start(WakeUpHandler handler) {
    try {
      scheduler.setJobFactory(WakeUpJobs.factory(handler));
      scheduler.scheduleJob(
          WakeUpJobs.sweep(), Set.of(WakeUpJobs.sweepEvery(settings.sweepInterval())), true);
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("Could not start the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  @Override
  public void wakeAt(WakeUp wakeUp, Instant at) {
    String name = wakeUp.key();
    try {
      writes.apply(
          new BatchedWakeUps.Schedule(WakeUpJobs.job(name, at), WakeUpJobs.trigger(name, at)));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule " + name, e);
    }
  }

  @Override
  public void cancel(WakeUp wakeUp) {
    try {
      writes.apply(new BatchedWakeUps.Unschedule(WakeUpJobs.key(wakeUp)));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not unschedule " + wakeUp.key(), e);
    }
  }

  @Override
  public void forget(Map<WakeUp, Instant> setFor) {
    setFor.forEach(
        (wakeUp, at) ->
            writes.submit(new BatchedWakeUps.Forget(WakeUpJobs.key(wakeUp), Date.from(at))));
  }

  /** True while the scheduler is started and not shutting down. */
  public boolean isRunning() {
    try {
      return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
    } catch (SchedulerException e) {
      return false;
    }
  }

  public String instanceId() {
    try {
      return scheduler.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "unknown";
    }
  }

  /**
   * Stops firing and waits up to {@link #SHUTDOWN_WAIT} for running jobs to finish. The wait is
   * bounded because a job that lost its database retries its bookkeeping until the job store shuts
   * down, which Quartz does only after those very jobs finish; the core re-reads state on the next
   * start, so abandoning such a job loses nothing.
   */
  @Override
  public void close() {
    writes.close();
    Thread stopper =
        new Thread(
            () -> {
              try {
                scheduler.shutdown(true);
              } catch (SchedulerException e) {
                log.warn("the scheduler did not stop cleanly: {}", e.toString());
              }
            },
            "followup-scheduler-stop");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(SHUTDOWN_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      log.warn(
          "scheduler jobs still running after {} s (database unreachable?); stopping without them."
              + " Their reminders are re-read at the next start.",
          SHUTDOWN_WAIT.toSeconds());
    }
  }

  /**
   * Clustered: the instance ids whose last check-in in Quartz's own table is recent (within twice
   * the check-in interval plus Quartz's 7.5 s grace). Empty when not clustered, or when the
   * database cannot be asked (then nothing is presumed dead).
   */
  @Override
  public Optional<Set<String>> liveNodes() {
    if (!settings.clustered()) {
      return Optional.empty();
    }
    long now = System.currentTimeMillis();
    Set<String> live = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL"
                    + " FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?")) {
      s.setString(1, INSTANCE_NAME);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(2) + 2 * rs.getLong(3) + CLUSTER_GRACE_MILLIS >= now) {
            live.add(rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
    // Quartz checks this node in; until its first check-in is written it is alive all the same.
    live.add(instanceId());
    return Optional.of(live);
  }

  @Override
  public boolean clustered() {
    return settings.clustered();
  }

  /**
   * Clustered instance ids are the node name, a dash and the start time in base 36: an earlier life
   * has this node's name and an earlier start time. A longer name that merely begins with this one
   * ({@code a-b} for {@code a}) has a dash in what follows and is not taken for it.
   */
  @Override
  public boolean earlierLifeOfThisNode(String claimedBy) {
    String prefix = node + "-";
    if (!settings.clustered() || !claimedBy.startsWith(prefix)) {
      return false;
    }
    String started = claimedBy.substring(prefix.length());
    if (!started.matches("[0-9a-z]{1,12}")) {
      return false;
    }
    return Long.parseLong(started, 36) < startedMillis;
  }
}
