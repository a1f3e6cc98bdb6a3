package dev.followupbot.app;

import dev.followupbot.app.http.OkHttpWebhookTransport;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.Integrations;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import dev.followupbot.core.service.ExecutorLater;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running followup-bot without its front doors: the database, the scheduler, the core, its
 * metrics registry and its webhook transport. The launcher adds Jetty (serve) or the console on
 * top, and closes everything in reverse order.
 */
public final class Bot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  /** How long start-up waits for interrupted sends to be settled before it carries on. */
  private static final Duration SETTLE_AT_START = Duration.ofSeconds(15);

  private final Database database;
  private final Storage storage;
  private final QuartzReminderScheduler scheduler;
  private final FollowupCore core;
  private final ExecutorLater later;
  private final ConfigWatcher watcher;
  private final PrometheusMeterRegistry meters;
  private final OkHttpWebhookTransport webhooks;

  private Bot(
      Database database,
      Storage storage,
      QuartzReminderScheduler scheduler,
      FollowupCore core,
      ExecutorLater later,
      ConfigWatcher watcher,
      PrometheusMeterRegistry meters,
      OkHttpWebhookTransport webhooks) {
    this.database = database;
    this.storage = storage;
    this.scheduler = scheduler;
    this.core = core;
    this.later = later;
    this.watcher = watcher;
    this.meters = meters;
    this.webhooks = webhooks;
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
    // As many threads send posts side by side as wake things up.
    ExecutorLater later = new ExecutorLater(4, settings.config().scheduler().threads());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OkHttpWebhookTransport webhooks = new OkHttpWebhookTransport();
    QuartzReminderScheduler scheduler = null;
    try {
      new JvmMemoryMetrics().bindTo(meters);
      new JvmThreadMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      new UptimeMetrics().bindTo(meters);
      QuartzSettings quartz =
          new QuartzSettings(
              settings.config().scheduler().threads(),
              settings.clustered(),
              settings.config().scheduler().sweepInterval(),
              QuartzSettings.DEFAULT.misfireThreshold(),
              settings.config().scheduler().clusterCheckin());
      scheduler = QuartzReminderScheduler.create(database.dataSource(), quartz, settings.nodeId());
      // Clustered, work is claimed under the scheduler's instance id, unique to this life of the
      // node, so the survivors can tell a dead member's unfinished sends by its missing check-ins.
      String node = settings.clustered() ? scheduler.instanceId() : settings.nodeId();
      scheduler.countMisfires(meters);
      Storage storage = JdbiStorage.on(database, clock);
      Optional<ConfigSource> source = settings.configFile().map(FileConfigSource::new);
      FollowupCore core =
          FollowupCore.builder(storage, scheduler)
              .messengers(messengerFactory.apply(storage))
              .config(settings.config())
              .node(node)
              .clock(clock)
              .later(later)
              .configSource(source.map(s -> s))
              .integrations(
                  new Integrations(meters, webhooks, settings::var, settings.publicUrl()::current))
              .build();
      ConfigWatcher watcher =
          settings
              .configFile()
              .map(file -> new ConfigWatcher(file, core.admin(), 2000))
              .orElse(null);
      // Before anything new goes out: what the previous process was sending when it died is
      // looked up on the platform and recorded, or sent once. A platform that does not answer
      // within the budget leaves the rest to the sweeps.
      core.interruptedSends().settleAtStart(SETTLE_AT_START);
      scheduler.start(core.wakeUps());
      log.info(
          "database: {} ({}); scheduler: {}{}",
          settings.database().url(),
          database.vendor(),
          settings.clustered() ? "clustered, instance " : "single node ",
          scheduler.instanceId());
      log.info(
          "configuration: {}; teams: {}",
          settings.configFile().map(Object::toString).orElse("built-in defaults (no file)"),
          core.teams().configured().isEmpty()
              ? "none (every channel uses the defaults)"
              : String.join(", ", core.teams().configured().stream().map(t -> t.id()).toList()));
      if (!settings.config().webhooks().isEmpty()) {
        log.info(
            "webhooks: {}",
            String.join(
                ", ", settings.config().webhooks().stream().map(w -> w.safeUrl()).toList()));
      }
      return new Bot(database, storage, scheduler, core, later, watcher, meters, webhooks);
    } catch (RuntimeException e) {
      if (scheduler != null) {
        scheduler.close();
      }
      later.close();
      webhooks.close();
      meters.close();
      database.close();
      throw e;
    }
  }

  public FollowupCore core() {
    return core;
  }

  /** The stores the core runs on; the launcher owns them, and only it and tests look inside. */
  public Storage storage() {
    return storage;
  }

  public Database database() {
    return database;
  }

  public QuartzReminderScheduler scheduler() {
    return scheduler;
  }

  /** Every metric of this process, for {@code GET /metrics}. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Lets running deliveries finish, then closes the database. */
  @Override
  public void close() {
    try {
      if (watcher != null) {
        watcher.close();
      }
      later.close();
      scheduler.close();
      webhooks.close();
      meters.close();
    } finally {
      database.close();
    }
  }
}
