package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An unclaimed case nudges its channel, then escalates, until someone claims it. */
class UnclaimedNudgeTest {

  private static final String TEAM =
      """
      teams:
        - id: support
          channels: [C-SUPPORT]
          leads: [lee]
          members: [ann, bob]
          unclaimed:
            nudge_after: 5s
            escalation:
              - {after: 5s, action: mention_leads}
              - {after: 5s, action: dm_next_member}
          nudges: {group_window: 0s}
      """;

  private CoreHarness bot;

  private CoreHarness start(String yaml, String at) {
    FollowupConfig config = CoreHarness.quiet(ConfigLoader.parse("test.yaml", ""));
    FollowupConfig withTeams = ConfigLoader.parse("test.yaml", yaml);
    bot =
        new CoreHarness(
            TestDatabases.h2(),
            config.withTeams(
                config.defaults().overriddenBy(withTeams.defaults()), withTeams.teams()),
            MutableClock.at(at));
    return bot;
  }

  @AfterEach
  void close() {
    bot.close();
  }

  private List<RecordingMessenger.Post> channel() {
    return bot.slack.inChannel(CoreHarness.CHANNEL);
  }

  private String last(List<RecordingMessenger.Post> posts) {
    return Replies.text(posts.get(posts.size() - 1).message());
  }

  @Test
  void nudges_the_channel_then_escalates_until_claimed() {
    start(TEAM, "2026-11-23T09:00:00Z");
    var dana = bot.person("dana");
    bot.say(dana, "new Refund for Acme !high");
    assertThat(channel()).hasSize(1); // the case card
    bot.advance(Duration.ofSeconds(4));
    assertThat(channel()).hasSize(1);

    bot.advance(Duration.ofSeconds(1));
    assertThat(channel()).hasSize(2);
    assertThat(last(channel()))
        .contains("👋 #1 · Refund for Acme (high) has waited a few seconds for an owner.")
        .contains("Could someone take it?");
    assertThat(Replies.buttonCommands(channel().get(1).message()))
        .containsExactly("claim 1", "show 1");

    bot.advance(Duration.ofSeconds(5));
    assertThat(channel()).hasSize(3);
    assertThat(last(channel())).startsWith("<@lee|lee> 👋 #1 · Refund for Acme");

    bot.advance(Duration.ofSeconds(5));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(Replies.text(bot.slack.directTo("ann").get(0).message()))
        .contains("Hi ann, #1 · Refund for Acme (high) has had no owner for 15 s.");

    bot.say(bot.person("bob"), "claim 1");
    int posts = bot.slack.posts().size();
    bot.advance(Duration.ofMinutes(30));
    assertThat(bot.slack.posts()).hasSize(posts);
  }

  @Test
  void claiming_before_the_nudge_means_no_nudge_and_releasing_starts_a_new_chain() {
    start(TEAM, "2026-11-23T09:00:00Z");
    bot.say(bot.person("dana"), "new Refund");
    bot.advance(Duration.ofSeconds(3));
    bot.say(bot.person("bob"), "claim 1");
    bot.advance(Duration.ofMinutes(5));
    assertThat(channel()).hasSize(1);

    bot.say(bot.person("bob"), "release 1");
    bot.advance(Duration.ofSeconds(5));
    assertThat(channel()).hasSize(2);
    assertThat(last(channel())).contains("has waited a few seconds for an owner");
  }

  @Test
  void a_nudge_held_back_by_the_group_window_is_dropped_if_the_case_is_claimed_meanwhile() {
    start(TEAM.replace("group_window: 0s", "group_window: 1m"), "2026-11-23T09:00:00Z");
    bot.say(bot.person("dana"), "new First");
    bot.advance(Duration.ofSeconds(2));
    bot.say(bot.person("dana"), "new Second");
    bot.advance(Duration.ofSeconds(3));
    assertThat(last(channel())).contains("#1 · First");
    bot.advance(Duration.ofSeconds(2));
    int before = channel().size();
    bot.say(bot.person("ann"), "claim 2");
    bot.advance(Duration.ofMinutes(2));
    assertThat(channel().stream().map(p -> Replies.text(p.message())))
        .noneMatch(t -> t.contains("#2 · Second") && t.contains("has waited"));
    assertThat(bot.storage.nudges().forCase(CoreHarness.ACME, 2))
        .extracting(Nudge::state)
        .containsOnly(Nudge.State.DROPPED);
    assertThat(channel().size()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void nudges_due_close_together_for_one_channel_arrive_as_one_message() {
    start(
        TEAM.replace("group_window: 0s", "group_window: 1m")
            .replace(
                "- {after: 5s, action: mention_leads}", "- {after: 1h, action: mention_leads}"),
        "2026-11-23T09:00:00Z");
    bot.say(bot.person("dana"), "new First");
    bot.advance(Duration.ofSeconds(1));
    bot.say(bot.person("dana"), "new Second");
    bot.say(bot.person("dana"), "new Third");
    bot.advance(Duration.ofSeconds(4));
    assertThat(last(channel())).contains("#1 · First").doesNotContain("Second");
    int before = channel().size();
    bot.advance(Duration.ofSeconds(30));
    assertThat(channel()).hasSize(before);
    bot.advance(Duration.ofSeconds(30));
    assertThat(channel()).hasSize(before + 1);
    String grouped = last(channel());
    assertThat(grouped).contains("2 cases need attention", "#2 · Second", "#3 · Third");
    assertThat(Replies.buttonCommands(channel().get(before).message()))
        .containsExactly("claim 2", "show 2", "claim 3", "show 3");
  }

  @Test
  void a_nudge_due_in_quiet_hours_waits_for_the_morning() {
    start(TEAM.replace("nudges:", "quiet_hours: 20:00-08:00\n    nudges:"), "2026-11-23T19:59:58Z");
    bot.say(bot.person("dana"), "new Late one");
    bot.advance(Duration.ofSeconds(10));
    assertThat(channel()).hasSize(1);
    bot.advance(Duration.ofHours(11).plusMinutes(59));
    assertThat(channel()).hasSize(1);
    bot.advance(Duration.ofMinutes(1));
    assertThat(channel()).hasSizeGreaterThan(1);
    assertThat(Replies.text(channel().get(1).message())).contains("#1 · Late one");
  }

  @Test
  void the_wait_counts_business_hours_only() {
    start(
        TEAM.replace("nudges:", "business_hours: mon-fri 09:00-17:00\n    nudges:")
            .replace("nudge_after: 5s", "nudge_after: 30m"),
        "2026-11-27T16:50:00Z");
    bot.say(bot.person("dana"), "new Friday afternoon");
    bot.advance(Duration.ofMinutes(15));
    assertThat(channel()).hasSize(1);
    // 10 minutes on Friday + 20 on Monday morning.
    bot.advance(Duration.ofDays(2).plusHours(16).plusMinutes(14));
    assertThat(channel()).hasSize(1);
    bot.advance(Duration.ofMinutes(1));
    assertThat(channel()).hasSize(2);
  }

  @Test
  void the_rotation_moves_on_and_skips_people_outside_their_hours() {
    start(TEAM, "2026-11-23T09:00:00Z");
    bot.core
        .directory()
        .remember(
            new dev.followupbot.core.domain.Person(
                CoreHarness.ACME,
                "ann",
                "ann",
                java.time.ZoneId.of("UTC"),
                java.util.Optional.of(
                    dev.followupbot.core.domain.WorkingHours.parse("mon-fri 13:00-17:00"))));
    bot.say(bot.person("dana"), "new One");
    bot.advance(Duration.ofSeconds(15));
    assertThat(bot.slack.directTo("ann")).isEmpty();
    assertThat(bot.slack.directTo("bob")).hasSize(1);
  }
}
