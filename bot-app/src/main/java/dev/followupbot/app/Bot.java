package dev.followupbot.app;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running followup-bot without its front doors: the database, the scheduler and the core. The
 * launcher adds Jetty (serve) or the console on top, and closes everything in reverse order.
 */
public final class Bot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final Database database;
  private final QuartzReminderScheduler scheduler;
  private final FollowupCore core;

  private Bot(Database database, QuartzReminderScheduler scheduler, FollowupCore core) {
    this.database = database;
    this.scheduler = scheduler;
    this.core = core;
  }

  /** Opens the database (migrating it), wires the core and starts the scheduler. */
  public static Bot start(Settings settings, List<Messenger> messengers, Clock clock) {
    Database database = Database.open(settings.database());
    try {
      QuartzSettings quartz =
          new QuartzSettings(
              settings.config().scheduler().threads(),
              settings.clustered(),
              settings.config().scheduler().sweepInterval(),
              QuartzSettings.DEFAULT.misfireThreshold());
      QuartzReminderScheduler scheduler = QuartzReminderScheduler.create(database, quartz);
      FollowupCore core =
          new FollowupCore(
              database, scheduler, messengers, settings.config(), settings.nodeId(), clock);
      scheduler.start(core.wakeUps());
      log.info(
          "database: {} ({}); scheduler: {}{}",
          settings.database().url(),
          database.vendor(),
          settings.clustered() ? "clustered, instance " : "single node ",
          scheduler.instanceId());
      return new Bot(database, scheduler, core);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public FollowupCore core() {
    return core;
  }

  public Database database() {
    return database;
  }

  public QuartzReminderScheduler scheduler() {
    return scheduler;
  }

  /** Lets running deliveries finish, then closes the database. */
  @Override
  public void close() {
    try {
      scheduler.close();
    } finally {
      database.close();
    }
  }
}
