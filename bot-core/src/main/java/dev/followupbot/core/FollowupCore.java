package dev.followupbot.core;

import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiCaseRepository;
import dev.followupbot.core.jdbc.JdbiOutbox;
import dev.followupbot.core.jdbc.JdbiPersonRepository;
import dev.followupbot.core.jdbc.JdbiReminderRepository;
import dev.followupbot.core.jdbc.JdbiTenantRepository;
import dev.followupbot.core.jdbc.JdbiTransactions;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.PersonRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.service.CaseService;
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.DeliveryPolicy;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.Messengers;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.WakeUps;
import java.time.Clock;
import java.util.List;

/**
 * The core, wired: repositories on the database, the use cases, and the wake-up handler the
 * scheduler calls. Platform adapters get {@link #router()} for what people type and click, and
 * supply their {@link Messenger}s for what the core sends.
 */
public final class FollowupCore {

  private final Transactions transactions;
  private final PersonRepository people;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final Outbox outbox;
  private final Directory directory;
  private final DeliveryService delivery;
  private final ReminderService reminderService;
  private final CaseService caseService;
  private final CommandRouter router;
  private final WakeUps wakeUps;

  public FollowupCore(
      Database database,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock) {
    JdbiTransactions tx = new JdbiTransactions(database.jdbi());
    this.transactions = tx;
    JdbiTenantRepository tenants = new JdbiTenantRepository(tx, clock);
    this.people = new JdbiPersonRepository(tx, clock);
    this.cases = new JdbiCaseRepository(tx);
    this.reminders = new JdbiReminderRepository(tx);
    this.outbox = new JdbiOutbox(tx, database.vendor());
    this.directory = new Directory(people, tenants, config.timezone());
    Messengers messengers = new Messengers(messengerList);
    DeliveryPolicy policy =
        new DeliveryPolicy(
            DeliveryPolicy.DEFAULT.firstRetry(),
            DeliveryPolicy.DEFAULT.maxRetry(),
            config.delivery().giveUpAfter(),
            DeliveryPolicy.DEFAULT.presumedDeadAfter());
    this.delivery =
        new DeliveryService(
            tx, outbox, cases, reminders, directory, messengers, policy, node, clock);
    this.reminderService =
        new ReminderService(
            tx,
            tenants,
            reminders,
            cases,
            outbox,
            scheduler,
            directory,
            messengers,
            delivery,
            clock);
    this.caseService =
        new CaseService(
            tx,
            tenants,
            cases,
            reminders,
            outbox,
            scheduler,
            directory,
            config.accessPolicy(),
            clock);
    this.router = new CommandRouter(caseService, reminderService, directory, clock);
    this.wakeUps = new WakeUps(reminderService, delivery, policy, node, clock);
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

  public Transactions transactions() {
    return transactions;
  }

  public PersonRepository people() {
    return people;
  }

  public CaseRepository cases() {
    return cases;
  }

  public ReminderRepository reminders() {
    return reminders;
  }

  public Outbox outbox() {
    return outbox;
  }

  public ReminderService reminderService() {
    return reminderService;
  }

  public CaseService caseService() {
    return caseService;
  }
}
