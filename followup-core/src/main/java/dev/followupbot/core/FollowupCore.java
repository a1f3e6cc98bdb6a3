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
import dev.followupbot.core.service.CommandRouter;
import dev.followupbot.core.service.CoreMetrics;
import dev.followupbot.core.service.DashboardLinks;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.InterruptedSends;
import dev.followupbot.core.service.LateAnswers;
import dev.followupbot.core.service.PlatformActivity;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.WakeUps;
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

  private final CoreBasics basics;
  private final PlatformActivity platformActivity;
  private final DeliveryWiring send;
  private final CommandWiring commands;
  private final WakeUpWiring wake;
  private final ApiWiring api;

  /** Wires the parts (each a package-private class here) in the order they need each other. */
  private FollowupCore(Builder b) {
    WebhookTargets targets = WebhookTargets.resolve(b.config.webhooks(), b.integrations.secrets());
    Storage storage = b.storage;
    CoreMetrics metrics = new CoreMetrics(b.integrations.meters());
    this.platformActivity = new PlatformActivity();
    Directory directory = new Directory(storage.people(), storage.tenants(), b.config.timezone());
    SupportTeams teams = new SupportTeams(b.config, storage.teamOverrides().all());
    this.basics =
        new CoreBasics(storage, b.scheduler, directory, teams, metrics, b.later, b.node, b.clock);
    this.send =
        new DeliveryWiring(
            basics,
            b.config.delivery(),
            b.messengers,
            targets,
            b.integrations.webhooks(),
            platformActivity);
    CaseWiring cases = new CaseWiring(basics, send);
    ReminderService reminders = ReminderWiring.reminders(basics, send);
    this.commands =
        new CommandWiring(basics, b.source, b.integrations.publicUrl(), send, cases, reminders);
    this.wake = new WakeUpWiring(basics, send, cases, reminders, commands);
    metrics.casesByStatus(storage.cases()::countByStatus);
    this.api = new ApiWiring(basics, send, cases, reminders, commands);
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
    return api.inbound(guard, afterAck);
  }

  /** The command grammar, for what a platform shows outside a turn (the Slack Home tab). */
  public CommandRouter commands() {
    return commands.router;
  }

  /** Cases for the REST API and the dashboard. */
  public Cases cases() {
    return api.cases;
  }

  /** Reminders for the REST API and the dashboard. */
  public Reminders reminders() {
    return api.reminders;
  }

  /** What the scheduler calls when it wakes up. */
  public WakeUps wakeUps() {
    return wake.wakeUps;
  }

  /** Sends cut off by a sender that died: settled at start-up and by every sweep. */
  public InterruptedSends interruptedSends() {
    return wake.interruptedSends;
  }

  /** Sends queued messages; the REST API and the dashboard call it after answering. */
  public DeliveryService delivery() {
    return send.delivery;
  }

  /** Answers a platform could not give during the request, kept on the outbox. */
  public LateAnswers lateAnswers() {
    return api.lateAnswers;
  }

  /** How cases read on cards and lists, in each reader's zone. */
  public CaseCards caseCards() {
    return send.cards;
  }

  /** Names and time zones; adapters record what their platform tells them about people. */
  public Directory directory() {
    return basics.directory();
  }

  /** The support teams in force (the file's, with admins' overrides). */
  public SupportTeams teams() {
    return basics.teams();
  }

  /** Team schedules; the launcher calls {@link AdminService#reloadFromSource} on file changes. */
  public AdminService admin() {
    return commands.admin;
  }

  /** Sign-in links to the dashboard and the sessions they open. */
  public DashboardLinks dashboardLinks() {
    return commands.dashboardLinks;
  }

  /** The latest changes admins made to a team's settings, newest first. */
  public List<TeamOverrides.Change> teamChanges(String teamId, int limit) {
    return basics.storage().teamOverrides().changes(teamId, limit);
  }

  /** Weekly figures for the reports page. */
  public WeeklyTrends trends() {
    return api.trends;
  }

  /** What became of each webhook event. */
  public WebhookHistory webhookHistory() {
    return api.webhookHistory;
  }

  /** When each platform last accepted a call, for health reports. */
  public PlatformActivity platformActivity() {
    return platformActivity;
  }
}
