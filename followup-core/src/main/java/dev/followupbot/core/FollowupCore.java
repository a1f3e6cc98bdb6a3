package dev.followupbot.core;

import dev.followupbot.core.api.Cases;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Reminders;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.api.WebhookHistory;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.dashboard.WeeklyTrends;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.port.TeamOverrides;
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
import dev.followupbot.core.service.LateAnswers;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The core, wired by {@link #builder}: the use cases and the wake-up handler the scheduler calls.
 * Platform adapters hand {@link #inbound} what people type and click, and supply their {@link
 * Messenger}s for what the core sends; the REST API and the dashboard use the {@link #cases()} and
 * {@link #reminders()} facades. No store is handed out.
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
  private final Cases casesFacade;
  private final Reminders remindersFacade;
  private final WeeklyTrends trends;
  private final LateAnswers lateAnswers;
  private final WebhookHistory webhookHistory;
  private final Clock clock;

  private FollowupCore(Builder b) {
    Storage storage = b.storage;
    ReminderScheduler scheduler = b.scheduler;
    FollowupConfig config = b.config;
    Optional<ConfigSource> source = b.source;
    Integrations integrations = b.integrations;
    Later later = b.later;
    Clock clock = b.clock;
    String node = b.node;
    WebhookTargets targets = WebhookTargets.resolve(config.webhooks(), integrations.secrets());
    this.storage = storage;
    this.metrics = new CoreMetrics(integrations.meters());
    this.platformActivity = new PlatformActivity();
    this.directory = new Directory(storage.people(), storage.tenants(), config.timezone());
    this.teams = new SupportTeams(config, storage.teamOverrides().all());
    Messengers messengers = new Messengers(b.messengers);
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
            storage.caseThreads(),
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
    this.clock = clock;
    this.casesFacade = new Cases(storage.cases(), caseService);
    this.remindersFacade = new Reminders(storage.reminders(), reminderService);
    this.trends = new WeeklyTrends(storage.cases(), storage.feedback(), cards, clock);
    this.lateAnswers = new LateAnswers(storage.outbox(), delivery, clock);
    this.webhookHistory = new WebhookHistory(storage.webhooks());
  }

  /**
   * A core on {@code storage}, woken by {@code scheduler}. Everything else has a default: no
   * messengers, the default configuration, node "local", the system clock, no delivery shortcuts,
   * no configuration file to reload, and nothing to report to.
   */
  public static Builder builder(Storage storage, ReminderScheduler scheduler) {
    return new Builder(storage, scheduler);
  }

  /** How a core is put together; {@link #build()} wires it. */
  public static final class Builder {
    private final Storage storage;
    private final ReminderScheduler scheduler;
    private List<Messenger> messengers = List.of();
    private FollowupConfig config = FollowupConfig.DEFAULTS;
    private String node = "local";
    private Clock clock = Clock.systemUTC();
    private Later later = Later.never();
    private Optional<ConfigSource> source = Optional.empty();
    private Integrations integrations = Integrations.none();

    private Builder(Storage storage, ReminderScheduler scheduler) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The messengers the core sends through, one per platform. */
    public Builder messengers(List<Messenger> messengers) {
      this.messengers = List.copyOf(messengers);
      return this;
    }

    public Builder messengers(Messenger... messengers) {
      return messengers(List.of(messengers));
    }

    public Builder config(FollowupConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** This process's name among the nodes sharing the database (it marks its claims). */
    public Builder node(String node) {
      this.node = Objects.requireNonNull(node, "node");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs delivery shortcuts (a paced post whose slot comes in a second, a quick retry) without
     * waiting for the next sweep.
     */
    public Builder later(Later later) {
      this.later = Objects.requireNonNull(later, "later");
      return this;
    }

    /** Where {@code admin reload} reads the configuration again. */
    public Builder configSource(ConfigSource source) {
      this.source = Optional.of(source);
      return this;
    }

    public Builder configSource(Optional<ConfigSource> source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Where metrics and webhook events go. */
    public Builder integrations(Integrations integrations) {
      this.integrations = Objects.requireNonNull(integrations, "integrations");
      return this;
    }

    /** The wired core; a webhook whose secret is missing stops it with a ConfigException. */
    public FollowupCore build() {
      return new FollowupCore(this);
    }
  }

  /**
   * The pipeline a platform hands what people type and click: {@code guard} says which tenants it
   * serves, and {@code afterAck} runs what comes after its acknowledgement.
   */
  public InboundTurns inbound(TenantGuard guard, Executor afterAck) {
    return new InboundTurns(
        guard,
        afterAck,
        storage.seenEvents(),
        directory,
        router,
        caseService.conversations(),
        delivery,
        clock);
  }

  /** The command grammar, for what a platform shows outside a turn (the Slack Home tab). */
  public CommandRouter commands() {
    return router;
  }

  /** Cases for the REST API and the dashboard. */
  public Cases cases() {
    return casesFacade;
  }

  /** Reminders for the REST API and the dashboard. */
  public Reminders reminders() {
    return remindersFacade;
  }

  /** What the scheduler calls when it wakes up. */
  public WakeUps wakeUps() {
    return wakeUps;
  }

  /** Sends cut off by a sender that died: settled at start-up and by every sweep. */
  public InterruptedSends interruptedSends() {
    return interruptedSends;
  }

  /** Sends queued messages; the REST API and the dashboard call it after answering. */
  public DeliveryService delivery() {
    return delivery;
  }

  /** Answers a platform could not give during the request, kept on the outbox. */
  public LateAnswers lateAnswers() {
    return lateAnswers;
  }

  /** How cases read on cards and lists, in each reader's zone. */
  public CaseCards caseCards() {
    return cards;
  }

  /** Names and time zones; adapters record what their platform tells them about people. */
  public Directory directory() {
    return directory;
  }

  /** The support teams in force (the file's, with admins' overrides). */
  public SupportTeams teams() {
    return teams;
  }

  /** Team schedules; the launcher calls {@link AdminService#reloadFromSource} on file changes. */
  public AdminService admin() {
    return admin;
  }

  /** Sign-in links to the dashboard and the sessions they open. */
  public DashboardLinks dashboardLinks() {
    return dashboardLinks;
  }

  /** The latest changes admins made to a team's settings, newest first. */
  public List<TeamOverrides.Change> teamChanges(String teamId, int limit) {
    return storage.teamOverrides().changes(teamId, limit);
  }

  /** Weekly figures for the reports page. */
  public WeeklyTrends trends() {
    return trends;
  }

  /** What became of each webhook event. */
  public WebhookHistory webhookHistory() {
    return webhookHistory;
  }

  /** When each platform last accepted a call, for health reports. */
  public PlatformActivity platformActivity() {
    return platformActivity;
  }
}
