package dev.followupbot.slack;

import static dev.followupbot.slack.ConversationEventsTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.FakeSlackApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the bot says in a case's Slack thread: a channel nudge about the case goes into the thread
 * and is also sent to the channel, and a silent requester is asked there before the case resolves
 * itself.
 */
class ConversationThreadTest {

  /** 2026-11-23T09:00:00Z, the test clock's start, as Slack writes a message's ts. */
  private static final String ROOT = "1795424400.000100";

  private final SlackTestBot bot =
      new SlackTestBot(
          CoreHarness.quiet(
              ConfigLoader.parse(
                  "followup.yaml",
                  "teams:\n"
                      + "  - id: support\n"
                      + "    channels: ["
                      + SlackTestBot.CHANNEL
                      + "]\n"
                      + "    members: [UANN, UBOB]\n"
                      + "    business_hours: always\n"
                      + "    unclaimed: {nudge_after: 10m}\n"
                      + "    nudges: {group_window: 0s}\n"
                      + "    intake: {mode: auto}\n"
                      + "    follow_up: {auto_resolve_after: 2d, auto_resolve_warn_after: 1d}\n")));

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void a_channel_nudge_about_the_case_replies_in_its_thread_and_is_also_sent_to_the_channel() {
    bot.event("Ev1", message(SlackTestBot.CHANNEL, ROOT, null, "UCAROL", "Export fails"), Map.of());
    bot.slack.waitFor("chat.postMessage");

    bot.advance(Duration.ofMinutes(11));

    FakeSlackApi.Call nudge = bot.slack.waitFor("chat.postMessage", 2);
    assertThat(nudge.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(nudge.param("thread_ts")).isEqualTo(ROOT);
    assertThat(nudge.param("reply_broadcast")).as("also sent to the channel").isEqualTo("1");
    assertThat(nudge.param("text")).contains("has waited");
  }

  @Test
  void a_silent_requester_is_asked_in_the_thread_and_the_case_then_resolves_itself() {
    bot.event("Ev1", message(SlackTestBot.CHANNEL, ROOT, null, "UCAROL", "Export fails"), Map.of());
    bot.event(
        "Ev2",
        message(SlackTestBot.CHANNEL, "1795424460.000200", ROOT, "UANN", "Try again now?"),
        Map.of());
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).get().status())
        .isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    int before = bot.slack.calls("chat.postMessage").size();

    bot.advance(Duration.ofHours(24).plusMinutes(2));

    FakeSlackApi.Call question = bot.slack.waitFor("chat.postMessage", before + 1);
    assertThat(question.param("thread_ts")).isEqualTo(ROOT);
    assertThat(question.param("reply_broadcast")).isNotEqualTo("1");
    assertThat(question.param("text"))
        .contains("<@UCAROL|Carol>")
        .contains("anything else we can help with");

    bot.advance(Duration.ofHours(24));
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).get().status())
        .isEqualTo(CaseStatus.RESOLVED);
  }
}
