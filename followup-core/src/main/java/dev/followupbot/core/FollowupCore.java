package dev.followupbot.core;

import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.config.SupportTeams;
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
import dev.followupbot.core.port.WebhookLog;
import dev.followupbot.core.service.AdminService;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.service.CaseService;
import dev.followupbot.core.service.CaseWatch;
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.CoreMetrics;
import dev.followupbot.core.service.DashboardLinks;
import dev.followupbot.core.service.DeliveryPolicy;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.DigestService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.HomeService;
import dev.followupbot.core.service.InterruptedSends;
import dev.followupbot.core.service.Messengers;
import dev.followupbot.core.service.NudgeService;
import dev.followupbot.core.service.OpenCaseRechecks;
import dev.followupbot.core.service.PlatformActivity;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.ReportService;
import dev.followupbot.core.service.SlaWatch;
import dev.followupbot.core.service.WakeUps;
import dev.followupbot.core.service.WebhookDelivery;
import dev.followupbot.core.service.WebhookEvents;
import dev.followupbot.core.webhook.WebhookTargets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The core, wired: the stores, the use cases, and the wake-up handler the scheduler calls. Platform
 * adapters get {@link #router()} for what people type and click, and supply their {@link
 * Messenger}s for what the core sends.
 */
public final class FollowupCore {

  private final Storage storage;
  private final Directory directory;
  private final CaseCards cards;
  private final DeliveryService delivery;
  private final ReminderService reminderService;
  private final CaseService caseService;
  private final CommandRouter router;
  private final WakeUps wakeUps;
  private final SupportTeams teams;
  private final AdminService admin;
  private final CoreMetrics metrics;
  private final PlatformActivity platformActivity;
  private final WebhookDelivery webhookDelivery;
  private final DashboardLinks dashboardLinks;
  private final InterruptedSends interruptedSends;

  /**
   * The core on {@code storage}. {@code later} runs delivery shortcuts (a paced post whose slot
   * comes in a second, a quick retry) without waiting for the next sweep; {@code source} is where
   * {@code admin reload} reads the configuration again; {@code integrations} is where metrics and
   * webhook events go. A webhook whose secret is missing stops the wiring with a ConfigException.
   */
  public FollowupCore(
      Storage storage,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock,
      Later later,
      Optional<ConfigSource> source,
      Integrations integrations) {
    WebhookTargets targets = WebhookTargets.resolve(config.webhooks(), integrations.secrets());
    this.storage = storage;
    this.metrics = new CoreMetrics(integrations.meters());
    this.platformActivity = new PlatformActivity();
    this.directory = new Directory(storage.people(), storage.tenants(), config.timezone());
    this.teams = new SupportTeams(config, storage.teamOverrides().all());
    Messengers messengers = new Messengers(messengerList);
    DeliveryPolicy policy =
        new DeliveryPolicy(
            config.delivery().firstRetry(),
            config.delivery().maxRetry(),
            config.delivery().giveUpAfter(),
            DeliveryPolicy.DEFAULT.presumedDeadAfter());
    CaseCards cards = new CaseCards(teams, storage.cases(), directory, messengers, clock);
    this.cards = cards;
    this.delivery =
        new DeliveryService(
            storage.transactions(),
            storage.outbox(),
            storage.cases(),
            storage.reminders(),
            directory,
            messengers,
            policy,
            cards,
            storage.pacing(),
            later,
            metrics,
            platformActivity,
            node,
            clock);
    this.webhookDelivery =
        new WebhookDelivery(
            storage.transactions(),
            storage.webhooks(),
            targets,
            integrations.webhooks(),
            DeliveryPolicy.DEFAULT,
            metrics,
            later,
            node,
            clock);
    WebhookEvents webhookEvents =
        new WebhookEvents(
            targets, storage.webhooks(), storage.cases(), cards, directory, webhookDelivery, later);
    SlaWatch slaWatch =
        new SlaWatch(storage.transactions(), storage.slaStates(), cards, webhookEvents, clock);
    NudgeService nudges =
        new NudgeService(
            storage.transactions(),
            storage.nudges(),
            storage.cases(),
            storage.outbox(),
            scheduler,
            cards,
            directory,
            delivery,
            metrics,
            clock);
    OpenCaseRechecks rechecks = new OpenCaseRechecks();
    CaseWatch watch =
        new CaseWatch(
            storage.cases(),
            storage.nudges(),
            storage.rotations(),
            storage.outbox(),
            scheduler,
            cards,
            directory,
            nudges,
            delivery,
            slaWatch,
            later,
            rechecks,
            clock);
    SupportTeams seriesTeams = teams;
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
            metrics,
            clock,
            (tenant, channel) ->
                seriesTeams.forChannel(tenant, channel).policy().calendar().holidays());
    SupportTeams liveTeams = teams;
    this.caseService =
        new CaseService(
            storage.transactions(),
            storage.tenants(),
            storage.cases(),
            storage.reminders(),
            storage.outbox(),
            scheduler,
            directory,
            user -> liveTeams.config().accessPolicy().isAdmin(user),
            cards,
            watch,
            storage.feedback(),
            webhookEvents,
            metrics,
            clock);
    HomeService home =
        new HomeService(storage.cases(), storage.reminders(), directory, teams, clock);
    ReportService reports =
        new ReportService(
            storage.cases(), storage.reminders(), storage.feedback(), cards, teams, clock);
    DigestService digests =
        new DigestService(
            teams,
            storage.cases(),
            storage.reminders(),
            storage.people(),
            storage.outbox(),
            scheduler,
            cards,
            directory,
            delivery,
            clock);
    this.admin =
        new AdminService(
            teams,
            storage.teamOverrides(),
            source,
            digests,
            rechecks,
            watch,
            storage.cases(),
            directory,
            clock);
    this.dashboardLinks = new DashboardLinks(storage.signIns(), integrations.publicUrl(), clock);
    this.router =
        new CommandRouter(
            caseService,
            reminderService,
            home,
            reports,
            digests,
            admin,
            directory,
            dashboardLinks,
            clock);
    this.interruptedSends =
        new InterruptedSends(
            delivery,
            webhookDelivery,
            storage.outbox(),
            storage.webhooks(),
            scheduler,
            policy,
            node,
            clock);
    this.wakeUps =
        new WakeUps(
            reminderService,
            delivery,
            storage.seenEvents(),
            watch,
            nudges,
            digests,
            storage.cases(),
            admin,
            rechecks,
            interruptedSends,
            webhookDelivery,
            clock);
    metrics.casesByStatus(storage.cases()::countByStatus);
  }

  /** The core with nothing to report to (metrics in memory, no webhooks). */
  public FollowupCore(
      Storage storage,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock,
      Later later,
      Optional<ConfigSource> source) {
    this(
        storage, scheduler, messengerList, config, node, clock, later, source, Integrations.none());
  }

  /** The core with no configuration file to reload. */
  public FollowupCore(
      Storage storage,
      ReminderScheduler scheduler,
      List<Messenger> messengerList,
      FollowupConfig config,
      String node,
      Clock clock,
      Later later) {
    this(storage, scheduler, messengerList, config, node, clock, later, Optional.empty());
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
  /** Sends cut off by a sender that died: settled at start-up and by every sweep. */
  public InterruptedSends interruptedSends() {
    return interruptedSends;
  }

  public DeliveryService delivery() {
    return delivery;
  }

  /** Names and time zones; adapters record what their platform tells them about people. */
  /** How cases read on cards and lists, in each reader's zone. */
  public CaseCards caseCards() {
    return cards;
  }

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

  /** The support teams in force (the file's, with admins' overrides). */
  public SupportTeams teams() {
    return teams;
  }

  /** Team schedules; the launcher calls {@link AdminService#reloadFromSource} on file changes. */
  public AdminService admin() {
    return admin;
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

  /** Counters and timers the core keeps, on the registry the launcher gave it. */
  public CoreMetrics metrics() {
    return metrics;
  }

  /** When each platform last accepted a call, for health reports. */
  public PlatformActivity platformActivity() {
    return platformActivity;
  }

  /** Sends queued webhook events; the sweep calls it too. */
  public WebhookDelivery webhookDelivery() {
    return webhookDelivery;
  }

  /** Sign-in links to the dashboard, which {@code dashboard} sends. */
  public DashboardLinks dashboardLinks() {
    return dashboardLinks;
  }

  public WebhookLog webhookLog() {
    return storage.webhooks();
  }
}
