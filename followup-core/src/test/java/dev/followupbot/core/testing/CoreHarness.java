package dev.followupbot.core.testing;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.Integrations;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.config.PolicySpec;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.Reply;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The real core on a real database, with the platform faked by a {@link RecordingMessenger}, the
 * scheduler by a {@link ManualReminderScheduler} and time by a {@link MutableClock}. Tests talk to
 * it the way people do: by typing commands.
 */
public final class CoreHarness implements AutoCloseable {

  public static final TenantId ACME = new TenantId(Platform.SLACK, "T-ACME");
  public static final TenantId GLOBEX = new TenantId(Platform.SLACK, "T-GLOBEX");
  public static final String CHANNEL = "C-SUPPORT";

  public final MutableClock clock;
  public final RecordingMessenger slack = new RecordingMessenger(Platform.SLACK);
  public final ManualReminderScheduler scheduler = new ManualReminderScheduler();
  public final Database database;
  public final FollowupCore core;

  /** The stores the core runs on, for tests that look beneath the use cases. */
  public final Storage storage;

  public CoreHarness(Database database, FollowupConfig config, MutableClock clock) {
    this(database, config, clock, Integrations.none());
  }

  /** The harness reporting metrics and webhook events to {@code integrations}. */
  public CoreHarness(
      Database database, FollowupConfig config, MutableClock clock, Integrations integrations) {
    this.database = database;
    this.clock = clock;
    this.storage = JdbiStorage.on(database, clock);
    this.core =
        FollowupCore.builder(storage, scheduler)
            .messengers(List.of(slack))
            .config(config)
            .node("test-node")
            .clock(clock)
            .integrations(integrations)
            .build();
  }

  /**
   * The harness with {@code later} running the core's deferred and side-by-side work, where the
   * others leave deferred work to the sweep and run side-by-side work one task after another.
   */
  public CoreHarness(Database database, FollowupConfig config, MutableClock clock, Later later) {
    this.database = database;
    this.clock = clock;
    this.storage = JdbiStorage.on(database, clock);
    this.core =
        FollowupCore.builder(storage, scheduler)
            .messengers(List.of(slack))
            .config(config)
            .node("test-node")
            .clock(clock)
            .later(later)
            .build();
  }

  /**
   * A policy with every nudge, SLA, check-in and digest off: tests of other behaviour see only the
   * messages they cause. Tests of schedules configure what they test.
   */
  public static final PolicySpec QUIET =
      ConfigLoader.parsePolicy(
          "quiet",
          "unclaimed: {nudge_after: off}\n"
              + "stale: {after: off}\n"
              + "sla: {first_response: {urgent: off, high: off, normal: off, low: off},"
              + " resolution: {urgent: off, high: off, normal: off, low: off},"
              + " next_response: {urgent: off, high: off, normal: off, low: off}}\n"
              + "follow_up: {after_resolution: {urgent: off, high: off, normal: off, low: off}}\n"
              + "digest: {team: off, personal: off}\n");

  /** The configuration {@link #onH2()} uses: defaults, with every schedule off. */
  public static FollowupConfig quiet(FollowupConfig config) {
    return config.withTeams(config.defaults().overriddenBy(QUIET), config.teams());
  }

  public static CoreHarness onH2() {
    return new CoreHarness(
        TestDatabases.h2(),
        quiet(FollowupConfig.DEFAULTS),
        MutableClock.at("2026-11-23T09:00:00Z"));
  }

  public static CoreHarness onH2(FollowupConfig config) {
    return new CoreHarness(TestDatabases.h2(), config, MutableClock.at("2026-11-23T09:00:00Z"));
  }

  /** A person in the ACME workspace, in UTC unless a zone is given. */
  public Caller person(String userId) {
    return new Caller(ACME, userId, userId, ZoneId.of("UTC"), CHANNEL);
  }

  public Caller person(String userId, String zone) {
    return new Caller(ACME, userId, userId, ZoneId.of(zone), CHANNEL);
  }

  /** Types a command as this person and returns the reply, after delivering what it queued. */
  public Reply say(Caller who, String text) {
    Reply reply = core.commands().handle(who, text);
    core.delivery().deliverAll(reply.deliveries());
    return reply;
  }

  /** The reply as plain text (its fallback plus its blocks' text). */
  public String text(Caller who, String command) {
    return Replies.text(say(who, command));
  }

  /** Moves time forward and wakes whatever came due, as the scheduler would. */
  public void advance(Duration by) {
    clock.advance(by);
    scheduler.fireDue(core.wakeUps(), clock);
  }

  @Override
  public void close() {
    database.close();
  }
}
