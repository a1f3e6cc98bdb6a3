package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Team digests on their cron in the team's zone; personal digests at 9:00 where each person is. */
class DigestTest {

  private CoreHarness bot;

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void the_team_digest_posts_at_nine_in_the_teams_zone_on_weekdays() {
    bot =
        Configs.harness(
            """
            teams:
              - id: billing
                name: Billing
                channels: [C-SUPPORT]
                timezone: Europe/Berlin
                digest: {team: "0 0 9 ? * MON-FRI"}
            """,
            "2026-11-27T06:00:00Z"); // Friday 07:00 in Berlin
    var dana = bot.person("dana");
    bot.say(dana, "new Refund for Acme");
    bot.say(dana, "new Login broken");
    bot.say(bot.person("ann"), "claim 2");
    bot.core.wakeUps().sweep(); // the first sweep schedules digests
    assertThat(bot.scheduler.scheduledFor(new WakeUp.TeamDigest("billing")))
        .contains(Instant.parse("2026-11-27T08:00:00Z"));
    int before = bot.slack.inChannel(CoreHarness.CHANNEL).size();
    bot.advance(Duration.ofHours(2));
    List<RecordingMessenger.Post> posts = bot.slack.inChannel(CoreHarness.CHANNEL);
    assertThat(posts).hasSize(before + 1);
    assertThat(Replies.text(posts.get(posts.size() - 1).message()))
        .contains("Billing digest · Fri 27 Nov")
        .contains("2 open · 1 unclaimed · 0 due soon · 0 breached")
        .contains("Waiting for an owner:")
        .contains("#1 · Refund — normal, unclaimed, 2 h old (Acme)")
        .contains("By owner: ann 1");
    // The next one is Monday, not Saturday.
    assertThat(bot.scheduler.scheduledFor(new WakeUp.TeamDigest("billing")))
        .contains(Instant.parse("2026-11-30T08:00:00Z"));
    bot.core.wakeUps().wake(new WakeUp.TeamDigest("billing"));
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).hasSize(before + 1);
  }

  @Test
  void personal_digests_arrive_at_nine_in_each_persons_zone_and_can_be_turned_off() {
    bot =
        Configs.harness(
            "defaults:\n  digest: {personal: on}\n", "2026-11-23T23:30:00Z"); // Tue 08:30 Tokyo
    bot.core
        .directory()
        .remember(new Person(CoreHarness.ACME, "kai", "Kai", ZoneId.of("Asia/Tokyo")));
    bot.core
        .directory()
        .remember(new Person(CoreHarness.ACME, "ann", "Ann", ZoneId.of("Europe/Berlin")));
    var kai = bot.person("kai", "Asia/Tokyo");
    var ann = bot.person("ann", "Europe/Berlin");
    bot.say(kai, "new Refund");
    bot.say(kai, "claim 1");
    bot.say(kai, "remind in 4h call the customer");
    bot.say(ann, "new Other");
    bot.say(ann, "claim 2");
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("kai")).isEmpty();
    bot.clock.advance(Duration.ofMinutes(31));
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("kai")).hasSize(1);
    assertThat(Replies.text(bot.slack.directTo("kai").get(0).message()))
        .contains("Good morning, kai. You have 1 open case and 1 follow-up for today.")
        .contains("#1 · Refund")
        .contains("call the customer")
        .contains("`digest off`");
    assertThat(bot.slack.directTo("ann")).as("it is 01:01 in Berlin").isEmpty();
    bot.clock.advance(Duration.ofMinutes(5));
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("kai")).as("once a day").hasSize(1);

    assertThat(bot.text(kai, "digest off")).contains("no more morning digests");
    bot.clock.advance(Duration.ofDays(1));
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("kai").stream().map(p -> p.message().fallbackText()))
        .filteredOn(t -> t.startsWith("Good morning"))
        .hasSize(1);
    assertThat(bot.text(kai, "digest on")).contains("on working days at 9:00 (Asia/Tokyo)");
  }

  @Test
  void nobody_gets_a_digest_with_nothing_in_it_or_at_the_weekend() {
    bot = Configs.harness("defaults:\n  digest: {personal: on}\n", "2026-11-28T09:30:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    bot.say(bot.person("bob"), "help");
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).as("Saturday").isEmpty();
    bot.clock.advance(Duration.ofDays(2));
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.slack.directTo("bob")).as("nothing open").isEmpty();
  }
}
