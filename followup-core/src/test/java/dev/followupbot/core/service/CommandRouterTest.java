package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.CoreHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann");

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void help_lists_every_command_and_explains_one() {
    String help = bot.text(ann, "help");
    for (String verb :
        new String[] {
          "new",
          "claim",
          "release",
          "assign",
          "wait",
          "resolve",
          "reopen",
          "remind",
          "reminders",
          "snooze",
          "done",
          "cancel",
          "cases"
        }) {
      assertThat(help).contains("`" + verb);
    }
    assertThat(bot.text(ann, "help remind"))
        .contains("remind [@person] [<case>] <when> [note]")
        .contains("Example: `remind 42 tomorrow 9am");
  }

  @Test
  void a_failure_inside_becomes_an_apology_with_a_reference_not_a_stack_trace() {
    bot.database.close(); // the database goes away under the bot
    String reply = bot.text(ann, "new Refund");
    assertThat(reply)
        .contains("Sorry, something went wrong on my side (reference ")
        .doesNotContain("Exception")
        .doesNotContain("at dev.");
  }

  @Test
  void a_user_id_no_platform_issues_is_refused_politely_and_nothing_is_stored() {
    Caller forged = bot.person("U" + "9".repeat(300));
    assertThat(bot.text(forged, "new Refund")).startsWith(CommandRouter.UNKNOWN_CALLER);
    assertThat(bot.text(bot.person(" "), "cases")).startsWith(CommandRouter.UNKNOWN_CALLER);
    assertThat(bot.core.cases().findByNumber(forged.tenant(), 1)).isEmpty();
  }
}
