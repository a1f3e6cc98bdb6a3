package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A click answers the clicker and says what the clicked message should now show. */
class ButtonOutcomeTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann", "Europe/Berlin");
  private final Caller bob = bot.person("bob");

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void done_replaces_the_buttons_with_who_marked_it_and_when() {
    bot.say(ann, "new Refund");
    bot.say(ann, "remind 1 in 1m call Dana back");
    bot.advance(Duration.ofMinutes(1));
    Reply reply = bot.say(ann, "done 1");
    assertThat(Replies.text(reply)).contains("Marked reminder 1 done");
    String now = Replies.text(reply.update().orElseThrow());
    assertThat(now)
        .contains("✅ Reminder 1: call Dana back")
        .contains("Done, marked by ann at 10:01.");
    assertThat(Replies.buttonCommands(reply.update().orElseThrow())).containsExactly("show 1");
  }

  @Test
  void snooze_says_until_when_in_the_clickers_time() {
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    Reply reply = bot.say(ann, "snooze 1 1h");
    assertThat(Replies.text(reply.update().orElseThrow()))
        .contains("💤 Reminder 1: stretch")
        .contains("Snoozed by ann until 11:01.");
    assertThat(Replies.buttonCommands(reply.update().orElseThrow())).isEmpty();
  }

  @Test
  void a_refused_click_leaves_the_message_as_it_was() {
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    Reply reply = bot.say(bob, "done 1");
    assertThat(Replies.text(reply)).contains("only ann can mark it done");
    assertThat(reply.update()).isEmpty();
  }

  @Test
  void claiming_from_a_message_turns_it_into_the_case_as_it_is_now() {
    bot.say(ann, "new Refund for Acme");
    Reply reply = bot.say(bob, "claim 1");
    String now = Replies.text(reply.update().orElseThrow());
    assertThat(now).contains("Owner: bob").contains("bob claimed it at 09:00 UTC.");
    assertThat(Replies.buttonCommands(reply.update().orElseThrow()))
        .containsExactly("release 1", "resolve 1");
  }

  @Test
  void setting_a_reminder_for_someone_the_bot_cannot_reach_says_how_to_fix_it() {
    bot.say(bob, "help");
    bot.slack.cannotReach("bob");
    assertThat(bot.text(ann, "remind @bob in 1h check the refund"))
        .contains("It's reminder 1.")
        .contains("Heads-up: I can't send bob messages yet")
        .contains("install the followup-bot app");
    assertThat(bot.text(ann, "remind in 1h myself")).doesNotContain("Heads-up");
  }
}
