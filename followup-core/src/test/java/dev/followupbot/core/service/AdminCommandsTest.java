package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admins change schedules in chat; the change is checked, stored, and applies at once. */
class AdminCommandsTest {

  private static final String FILE =
      """
      admins: [boss]
      teams:
        - id: billing
          channels: [C-SUPPORT]
          admins: [lee]
          unclaimed: {nudge_after: 1h, escalation: []}
          nudges: {group_window: 0s}
      """;

  private final AtomicReference<String> fileText = new AtomicReference<>(FILE);
  private final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  private final Database db = TestDatabases.h2();
  private final ManualReminderScheduler scheduler = new ManualReminderScheduler();
  private final RecordingMessenger slack = new RecordingMessenger(Platform.SLACK);
  private final ConfigSource source =
      new ConfigSource() {
        @Override
        public String name() {
          return "config/followup.yaml";
        }

        @Override
        public FollowupConfig load() {
          FollowupConfig c = Configs.quietExcept(fileText.get());
          return c;
        }
      };
  private FollowupCore core = start();

  private FollowupCore start() {
    return FollowupCore.builder(JdbiStorage.on(db, clock), scheduler)
        .messengers(List.of(slack))
        .config(source.load())
        .node("test")
        .clock(clock)
        .configSource(Optional.of(source))
        .build();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private String say(String who, String text) {
    Reply r =
        core.commands()
            .handle(
                new Caller(
                    CoreHarness.ACME, who, who, java.time.ZoneOffset.UTC, CoreHarness.CHANNEL),
                text);
    core.delivery().deliverAll(r.deliveries());
    return Replies.text(r);
  }

  private void advance(Duration d) {
    clock.advance(d);
    scheduler.fireDue(core.wakeUps(), clock);
  }

  @Test
  void a_team_admin_shortens_the_nudge_and_it_applies_to_open_cases_at_once() {
    say("dana", "new Refund");
    advance(Duration.ofMinutes(10));
    assertThat(slack.inChannel(CoreHarness.CHANNEL)).hasSize(1);
    assertThat(say("lee", "admin set billing unclaimed.nudge_after 20m"))
        .contains("Set billing unclaimed.nudge_after to 20m (was 1h). It applies now.");
    advance(Duration.ofMinutes(10));
    assertThat(slack.inChannel(CoreHarness.CHANNEL)).hasSize(2);
    assertThat(say("lee", "admin show billing"))
        .contains("unclaimed.nudge_after: 20m (set in chat by lee")
        .contains("file: 1h)");
  }

  @Test
  void the_change_is_stored_and_survives_a_restart_and_unset_brings_back_the_file() {
    say("boss", "admin hours billing mon-fri 08:00-16:00 America/New_York");
    say("boss", "admin holiday billing 2026-12-24");
    core = start();
    String show = say("boss", "admin show");
    assertThat(show)
        .contains("business_hours: mon-fri 08:00-16:00 (set in chat by boss")
        .contains("timezone: America/New_York (set in chat by boss")
        .contains("holidays: [2026-12-24] (set in chat by boss");
    assertThat(say("boss", "admin unset billing timezone"))
        .contains("billing timezone is back to the file's value, UTC");
    assertThat(say("boss", "admin holiday billing remove 2026-12-24")).contains("holidays to none");
    assertThat(say("boss", "admin holiday billing remove 2026-12-24")).contains("isn't a holiday");
  }

  @Test
  void the_digest_cron_is_rescheduled_in_the_teams_zone() {
    say("boss", "admin set billing digest \"0 30 7 ? * MON-FRI\"");
    assertThat(scheduler.scheduledFor(new WakeUp.TeamDigest("billing")))
        .contains(Instant.parse("2026-11-24T07:30:00Z"));
    say("boss", "admin set billing digest off");
    assertThat(scheduler.scheduledFor(new WakeUp.TeamDigest("billing"))).isEmpty();
  }

  @Test
  void bad_values_unknown_settings_and_unknown_teams_change_nothing() {
    assertThat(say("lee", "admin set billing unclaimed.nudge_after soon"))
        .contains("I can't set that: billing unclaimed.nudge_after: 'soon' is not a duration")
        .contains("Nothing changed.");
    assertThat(say("lee", "admin set billing nudge_time 5m")).contains("I can't set `nudge_time`");
    assertThat(say("lee", "admin set bilings stale.after 1h"))
        .contains("I don't know a team called 'bilings'. Teams: billing.");
    assertThat(say("lee", "admin hours billing mon-fry 09:00-17:00")).contains("'fry'");
    assertThat(say("lee", "admin set billing timezone Mars/Base")).contains("not a time zone");
    assertThat(say("lee", "admin show")).doesNotContain("set in chat");
  }

  @Test
  void only_admins_may_look_or_change() {
    assertThat(say("dana", "admin set billing stale.after 1h"))
        .contains("Sorry dana, only admins named in the configuration")
        .contains("For billing that's <@lee|lee>.");
    assertThat(say("dana", "admin show")).contains("only admins");
    assertThat(say("dana", "admin reload")).contains("only admins");
  }

  @Test
  void reload_applies_a_good_file_and_refuses_a_broken_one_keeping_the_old() {
    fileText.set(FILE.replace("nudge_after: 1h", "nudge_after: 5m"));
    assertThat(say("boss", "admin reload"))
        .contains("Reloaded config/followup.yaml: 1 team(s), billing. It applies now.");
    assertThat(core.teams().byId("billing").orElseThrow().policy().unclaimed().nudgeAfter())
        .contains(Duration.ofMinutes(5));
    fileText.set(FILE.replace("nudge_after: 1h", "nudge_after: soon"));
    String refused = say("boss", "admin reload");
    assertThat(refused)
        .contains("I couldn't reload config/followup.yaml: test.yaml line 6")
        .contains("'soon' is not a duration")
        .contains("The running configuration stays in force.");
    assertThat(core.teams().byId("billing").orElseThrow().policy().unclaimed().nudgeAfter())
        .contains(Duration.ofMinutes(5));
  }

  @Test
  void help_admin_lists_every_subcommand_and_setting() {
    assertThat(say("dana", "help admin"))
        .contains("`admin set <team> <setting> <value>`")
        .contains("unclaimed.nudge_after")
        .contains("digest.team");
    assertThat(say("boss", "admin frobnicate")).contains("I don't know `admin frobnicate`");
  }

  static void unused(ConfigException e) {}

  static FollowupConfig parse(String yaml) {
    return ConfigLoader.parse("t", yaml);
  }

  @Test
  void whoami_gives_the_ids_the_configuration_needs() {
    assertThat(say("lee", "whoami"))
        .contains("You are lee, id `lee`, in `slack:T-ACME`")
        .contains("This channel is `C-SUPPORT`, team billing.")
        .contains("You're an admin here.")
        .contains("this channel as `slack:T-ACME/C-SUPPORT`");
    assertThat(say("dana", "whoami")).doesNotContain("admin here");
  }

  @Test
  void hours_with_a_bad_zone_change_nothing_and_holidays_are_not_told_to_non_admins() {
    assertThat(say("lee", "admin hours billing mon-fri 09:00-17:00 Europe/Berlinn"))
        .contains("'Europe/Berlinn' is not a time zone")
        .contains("Nothing changed.");
    assertThat(core.teams().byId("billing").orElseThrow().policy().calendar().isAlwaysOpen())
        .isTrue();
    assertThat(say("lee", "admin hours billing mon-fri 09:00-17:00 Europe/Berlin"))
        .contains(
            "Set billing business_hours to mon-fri 09:00-17:00 (was always) and timezone to"
                + " Europe/Berlin (was UTC).");
    say("lee", "admin holiday billing 2026-12-24");
    assertThat(say("dana", "admin holiday billing 2026-12-24"))
        .contains("only admins")
        .doesNotContain("already a holiday");
  }

  @Test
  void a_stored_setting_that_no_longer_builds_is_left_out_at_start_up_with_a_warning() {
    JdbiStorage.on(db, clock)
        .teamOverrides()
        .put(
            new dev.followupbot.core.team.TeamOverride(
                "billing", "stale.after", "someday", "slack:T-ACME/lee", clock.instant()),
            Optional.empty());
    core = start();
    assertThat(core.teams().byId("billing")).isPresent();
    assertThat(say("lee", "admin show billing")).contains("stale.after: off");
  }
}
