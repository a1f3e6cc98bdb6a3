package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a case is solved: a check-in with the customer, their satisfaction, the team's numbers. */
class AfterResolutionTest {

  private static final String TEAM =
      """
      teams:
        - id: support
          channels: [C-SUPPORT]
          leads: [lee]
          business_hours: mon-fri 09:00-17:00
          follow_up: {after_resolution: {normal: 2d, urgent: 2h}, at: "10:00"}
          csat: {low_score: 2, on_low: reopen_and_notify_lead}
          nudges: {group_window: 0s}
      """;

  private CoreHarness bot;

  @AfterEach
  void close() {
    bot.close();
  }

  private Reminder checkIn() {
    return bot.core.reminders().active(CoreHarness.ACME, "ann", 10).stream()
        .filter(r -> r.kind() == ReminderKind.CHECK_IN)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void resolving_schedules_a_check_in_on_the_second_working_day_at_ten_in_the_owners_zone() {
    // Thursday afternoon in Berlin: two working days later is Monday.
    bot = Configs.harness(TEAM, "2026-11-26T15:00:00Z");
    var ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "new Refund for Dana");
    bot.say(ann, "claim 1");
    bot.say(ann, "resolve 1 refund sent");
    assertThat(checkIn().dueAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    bot.advance(Duration.between(bot.clock.instant(), Instant.parse("2026-11-30T09:00:00Z")));
    String text = Replies.text(bot.slack.directTo("ann").get(0).message());
    assertThat(text)
        .contains("⏰ Time to check in with Dana about #1 · Refund: it was resolved 3 days ago.")
        .contains("How it went: created by you Thu 26 Nov, 16:00 · claimed by you")
        .contains("resolved by you")
        .contains("`csat 1 <1-5>`");
    assertThat(Replies.buttonCommands(bot.slack.directTo("ann").get(0).message()))
        .contains("done 1", "snooze 1 1h", "show 1");
  }

  @Test
  void a_short_check_in_wait_counts_business_time_and_reopening_cancels_it() {
    bot = Configs.harness(TEAM, "2026-11-23T16:30:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Outage !urgent");
    bot.say(ann, "claim 1");
    bot.say(ann, "resolve 1");
    assertThat(checkIn().dueAt()).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
    bot.say(ann, "reopen 1 still broken");
    assertThat(bot.core.reminders().active(CoreHarness.ACME, "ann", 10)).isEmpty();
  }

  @Test
  void a_low_score_reopens_the_case_and_tells_the_lead() {
    bot = Configs.harness(TEAM, "2026-11-23T10:00:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    bot.say(ann, "resolve 1");
    assertThat(bot.text(ann, "csat 1 2 took too long"))
        .contains("Recorded 2/5 for #1 · Refund.")
        .contains("I've let the team's leads know.")
        .contains("#1 · Refund is open again and back with you.");
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.CLAIMED);
    assertThat(Replies.text(bot.slack.directTo("lee").get(0).message()))
        .contains("⚠️ #1 · Refund got a low satisfaction score. Owner: ann.");
    assertThat(bot.text(ann, "show 1"))
        .contains("recorded the customer's satisfaction: 2/5: took too long")
        .contains("reopened it: customer rated it 2/5");
  }

  @Test
  void a_good_score_is_simply_thanked() {
    bot = Configs.harness(TEAM, "2026-11-23T10:00:00Z");
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "resolve 1");
    assertThat(bot.text(ann, "csat 1 5"))
        .isEqualTo(
            "Recorded 5/5 for #1 · Refund. Thank you!\nRecorded 5/5 for #1 · Refund. Thank you!");
    assertThat(bot.text(ann, "csat 1 9")).contains("whole number from 1 (poor) to 5 (great)");
    assertThat(bot.text(ann, "csat 7 5")).contains("I can't find case #7");
  }

  @Test
  void the_report_gives_medians_sla_follow_ups_and_csat_for_the_team() {
    bot =
        Configs.harness(
            TEAM.replace(
                "business_hours: mon-fri 09:00-17:00", "sla: {first_response: {normal: 1h}}"),
            "2026-11-23T09:00:00Z");
    var ann = bot.person("ann");
    var bob = bot.person("bob");
    bot.say(ann, "new One");
    bot.say(ann, "new Two");
    bot.clock.advance(Duration.ofMinutes(10));
    bot.say(ann, "claim 1");
    bot.clock.advance(Duration.ofMinutes(20));
    bot.say(bob, "claim 2");
    bot.say(ann, "answered 1");
    bot.clock.advance(Duration.ofHours(2));
    bot.say(bob, "answered 2");
    bot.say(ann, "resolve 1");
    bot.say(ann, "csat 1 4");
    bot.say(ann, "remind in 1m tidy up");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.text(ann, "done 2")).contains("Marked reminder 2 done");
    String report = bot.text(ann, "cases report week");
    assertThat(report)
        .contains("support: the last week")
        .contains("Cases opened: 2")
        .contains("Median time to claim: 20 min (2)")
        .contains("Median time to first response: 1 h 30 min (2)")
        .contains("SLA targets met: 50% (1 of 2)")
        .contains("Follow-ups done (whole workspace): 1")
        .contains("CSAT: 4.0 / 5 from 1 score");
    assertThat(bot.text(ann, "cases report year")).contains("the last `week` or `month`");
  }

  @Test
  void people_in_other_zones_get_check_ins_in_their_own_morning() {
    bot = Configs.harness(TEAM, "2026-11-23T12:00:00Z");
    bot.core
        .directory()
        .remember(new Person(CoreHarness.ACME, "kai", "kai", ZoneId.of("Asia/Tokyo")));
    var kai = bot.person("kai", "Asia/Tokyo");
    bot.say(kai, "new Refund");
    bot.say(kai, "claim 1");
    bot.say(kai, "resolve 1");
    List<Reminder> reminders = bot.core.reminders().active(CoreHarness.ACME, "kai", 10);
    // Monday in the team's zone; two working days later is Wednesday, 10:00 in Tokyo.
    assertThat(reminders.get(0).dueAt()).isEqualTo(Instant.parse("2026-11-25T01:00:00Z"));
  }

  @Test
  void a_check_in_counts_days_where_the_owner_is_and_never_lands_before_the_resolution() {
    // Tuesday 23:30 in Berlin is already Wednesday 09:30 in Sydney.
    bot = Configs.harness(TEAM.replace("normal: 2d", "normal: 1d"), "2026-11-24T22:30:00Z");
    bot.core
        .directory()
        .remember(new Person(CoreHarness.ACME, "sam", "sam", ZoneId.of("Australia/Sydney")));
    var sam = bot.person("sam", "Australia/Sydney");
    bot.say(sam, "new Refund");
    bot.say(sam, "claim 1");
    bot.say(sam, "resolve 1");
    Reminder checkIn = bot.core.reminders().active(CoreHarness.ACME, "sam", 10).get(0);
    // Thursday 10:00 in Sydney, a day after the resolution there, not 30 minutes after it.
    assertThat(checkIn.dueAt()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
  }
}
