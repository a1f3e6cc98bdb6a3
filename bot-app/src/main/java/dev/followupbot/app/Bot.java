package dev.followupbot.app;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import dev.followupbot.core.service.ExecutorLater;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
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
  private final ExecutorLater later;

  private Bot(
      Database database,
      QuartzReminderScheduler scheduler,
      FollowupCore core,
      ExecutorLater later) {
    this.database = database;
    this.scheduler = scheduler;
    this.core = core;
    this.later = later;
  }

  /** Opens the database (migrating it), wires the core and starts the scheduler. */
  public static Bot start(Settings settings, List<Messenger> messengers, Clock clock) {
    return start(settings, storage -> messengers, clock);
  }

  /**
   * Like {@link #start(Settings, List, Clock)}, for messengers that need the stores (a Teams
   * messenger reads stored conversation references): they are built once the database is open.
   */
  public static Bot start(
      Settings settings, Function<Storage, List<Messenger>> messengerFactory, Clock clock) {
    Database database = Database.open(settings.database());
    ExecutorLater later = new ExecutorLater(2);
    try {
      QuartzSettings quartz =
          new QuartzSettings(
              settings.config().scheduler().threads(),
              settings.clustered(),
              settings.config().scheduler().sweepInterval(),
              QuartzSettings.DEFAULT.misfireThreshold());
      QuartzReminderScheduler scheduler = QuartzReminderScheduler.create(database, quartz);
      Storage storage = JdbiStorage.on(database, clock);
      FollowupCore core =
          new FollowupCore(
              storage,
              scheduler,
              messengerFactory.apply(storage),
              settings.config(),
              settings.nodeId(),
              clock,
              later);
      scheduler.start(core.wakeUps());
      log.info(
          "database: {} ({}); scheduler: {}{}",
          settings.database().url(),
          database.vendor(),
          settings.clustered() ? "clustered, instance " : "single node ",
          scheduler.instanceId());
      return new Bot(database, scheduler, core, later);
    } catch (RuntimeException e) {
      later.close();
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
      later.close();
      scheduler.close();
    } finally {
      database.close();
    }
  }
}
