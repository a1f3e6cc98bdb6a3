package dev.followupbot.core;

import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Addresses;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.PersonRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.SeenEvents;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.service.CaseService;
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.DeliveryPolicy;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.HomeService;
import dev.followupbot.core.service.Messengers;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.WakeUps;
import java.time.Clock;
import java.util.List;

/**
 * The core, wired: the stores, the use cases, and the wake-up handler the scheduler calls. Platform
 * adapters get {@link #router()} for what people type and click, and supply their {@link
 * Messenger}s for what the core sends.
 */
public final class FollowupCore {

  private final Storage storage;
  private final Directory directory;
  private final DeliveryService delivery;
  private final ReminderService reminderService;
  private final CaseService caseService;
  private final CommandRouter router;
  private final WakeUps wakeUps;

  /**
   * The core on {@code storage}. {@code later} runs delivery shortcuts (a paced post whose slot
   * comes in a second, a quick retry) without waiting for the next sweep.
   */
  public FollowupCore(
      Storage storage,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock,
      Later later) {
    this.storage = storage;
    this.directory = new Directory(storage.people(), storage.tenants(), config.timezone());
    Messengers messengers = new Messengers(messengerList);
    DeliveryPolicy policy =
        new DeliveryPolicy(
            DeliveryPolicy.DEFAULT.firstRetry(),
            DeliveryPolicy.DEFAULT.maxRetry(),
            config.delivery().giveUpAfter(),
            DeliveryPolicy.DEFAULT.presumedDeadAfter());
    this.delivery =
        new DeliveryService(
            storage.transactions(),
            storage.outbox(),
            storage.cases(),
            storage.reminders(),
            directory,
            messengers,
            policy,
            storage.pacing(),
            later,
            node,
            clock);
    this.reminderService =
        new ReminderService(
            storage.transactions(),
            storage.tenants(),
            storage.reminders(),
            storage.cases(),
            storage.outbox(),
            scheduler,
            directory,
            messengers,
            delivery,
            clock);
    this.caseService =
        new CaseService(
            storage.transactions(),
            storage.tenants(),
            storage.cases(),
            storage.reminders(),
            storage.outbox(),
            scheduler,
            directory,
            config.accessPolicy(),
            clock);
    HomeService home = new HomeService(storage.cases(), storage.reminders(), directory, clock);
    this.router = new CommandRouter(caseService, reminderService, home, directory, clock);
    this.wakeUps =
        new WakeUps(reminderService, delivery, storage.seenEvents(), policy, node, clock);
  }

  /**
   * The core on the database's own stores, leaving every delivery to the sweep or an explicit call:
   * the deterministic wiring tests use with a moving clock.
   */
  public FollowupCore(
      Database database,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock) {
    this(
        JdbiStorage.on(database, clock),
        scheduler,
        messengerList,
        config,
        node,
        clock,
        Later.never());
  }

  /** Where every platform sends what people type and click. */
  public CommandRouter router() {
    return router;
  }

  /** What the scheduler calls when it wakes up. */
  public WakeUps wakeUps() {
    return wakeUps;
  }

  /** Sends queued messages; adapters call it after acknowledging a request. */
  public DeliveryService delivery() {
    return delivery;
  }

  /** Names and time zones; adapters record what their platform tells them about people. */
  public Directory directory() {
    return directory;
  }

  /** Inbound events already handled, for adapters to drop redeliveries. */
  public SeenEvents seenEvents() {
    return storage.seenEvents();
  }

  /** How to reach people and conversations, for adapters that need to remember it. */
  public Addresses addresses() {
    return storage.addresses();
  }

  public Storage storage() {
    return storage;
  }

  public Transactions transactions() {
    return storage.transactions();
  }

  public PersonRepository people() {
    return storage.people();
  }

  public CaseRepository cases() {
    return storage.cases();
  }

  public ReminderRepository reminders() {
    return storage.reminders();
  }

  public Outbox outbox() {
    return storage.outbox();
  }

  public ReminderService reminderService() {
    return reminderService;
  }

  public CaseService caseService() {
    return caseService;
  }
}
