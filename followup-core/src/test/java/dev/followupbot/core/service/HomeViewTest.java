package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.Replies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The overview a person sees on Slack's App Home or Teams' personal tab. */
class HomeViewTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann");
  private final Caller bob = bot.person("bob");

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void lists_my_cases_my_reminders_and_unclaimed_cases_each_with_its_buttons() {
    bot.say(ann, "new Refund for Acme");
    bot.say(ann, "new Login broken");
    bot.say(ann, "claim 1");
    bot.say(ann, "remind 1 in 1h call back");
    Message home = bot.core.commands().home(ann);
    String text = Replies.text(home);
    assertThat(home.fallbackText())
        .isEqualTo("Your followup-bot home: 1 open case, 1 reminder, 1 unclaimed case.");
    assertThat(text)
        .contains(
            "Your open cases",
            "#1 · Refund — normal, claimed by you",
            "Your reminders",
            "call back")
        .contains("Unclaimed cases", "#2 · Login broken");
    assertThat(Replies.buttonCommands(home))
        .containsExactly(
            "resolve 1",
            "release 1",
            "show 1",
            "done 1",
            "snooze 1 1h",
            "snooze 1 tomorrow 9am",
            "show 1",
            "claim 2",
            "show 2");
  }

  @Test
  void empty_lists_say_what_to_do_and_long_ones_stay_within_slacks_block_limit() {
    assertThat(Replies.text(bot.core.commands().home(bob)))
        .contains("You own no open cases")
        .contains("No pending reminders")
        .contains("Every case has an owner");
    for (int i = 0; i < 15; i++) {
      bot.say(ann, "new Case " + i);
    }
    Message home = bot.core.commands().home(ann);
    assertThat(home.blocks().size()).isLessThanOrEqualTo(100);
    assertThat(home.blocks().stream().filter(b -> b instanceof Block.Actions)).hasSize(10);
    assertThat(Replies.text(home)).contains("Showing 10. `cases unclaimed` lists them all.");
  }

  @Test
  void admins_also_see_their_teams_schedules() {
    CoreHarness admins =
        dev.followupbot.core.testing.Configs.harness(
            """
            teams:
              - id: billing
                name: Billing
                channels: [C-SUPPORT]
                admins: [ann]
                timezone: Europe/Berlin
                business_hours: mon-fri 09:00-17:00
                unclaimed: {nudge_after: 20m}
            """,
            "2026-11-23T09:00:00Z");
    try {
      Message home = admins.core.commands().home(admins.person("ann"));
      assertThat(Replies.text(home))
          .contains("Teams you look after")
          .contains(
              "Billing (billing): mon-fri 09:00-17:00 Europe/Berlin · unclaimed nudge after 20m");
      assertThat(Replies.buttonCommands(home)).contains("admin show");
      assertThat(Replies.text(admins.core.commands().home(admins.person("bob"))))
          .doesNotContain("Teams you look after");
    } finally {
      admins.close();
    }
  }
}
