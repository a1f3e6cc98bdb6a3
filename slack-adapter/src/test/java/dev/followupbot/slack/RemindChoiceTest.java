package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.testing.FakeSlackApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A numeric date is read in the person's locale from users.info; without one, both readings come
 * back as buttons, nothing is set, and the click sets the reminder and replaces the question.
 * Monday 23 November 2026, 10:00 in Berlin.
 */
class RemindChoiceTest {

  private final SlackTestBot bot = new SlackTestBot();

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void without_a_locale_12_1_is_offered_both_ways_and_the_click_sets_it() {
    SlackTestBot.Answer asked = bot.slash("UANN", "remind 12/1 call Dana");
    List<String> values = asked.json().findValuesAsText("value");
    assertThat(values)
        .containsExactlyInAnyOrder(
            "remind 2026-12-01 09:00 \"call Dana\"", "remind 2027-01-12 09:00 \"call Dana\"");
    assertThat(asked.text()).contains("Tue 1 Dec 09:00").contains("Tue 12 Jan 09:00");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();

    bot.click(
        "UANN",
        "remind 2027-01-12 09:00 \"call Dana\"",
        SlackTestBot.Container.ephemeral(SlackTestBot.CHANNEL));
    bot.slack.waitFor("response_url", 2);
    JsonNode answer = bot.slack.calls("response_url").get(0).bodyJson();
    JsonNode replaced = bot.slack.calls("response_url").get(1).bodyJson();
    assertThat(answer.path("text").asText())
        .startsWith("Okay, I'll remind you on Tue 12 Jan at 09:00")
        .contains(": call Dana. It's reminder 1.");
    assertThat(replaced.path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.path("text").asText()).contains("Set: reminder 1 on Tue 12 Jan at 09:00");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().dueAt())
        .hasToString("2027-01-12T08:00:00Z");
  }

  @Test
  void the_locale_from_users_info_decides_a_numeric_date() {
    bot.slack.user("UDAN", "Dan", "America/New_York", "en-US");
    bot.slack.user("UDIETER", "Dieter", "Europe/Berlin", "de-DE");
    assertThat(bot.slash("UDAN", "remind 12/1 call Dana").text())
        .contains("Okay, I'll remind you on Tue 1 Dec at 09:00");
    assertThat(bot.slash("UDIETER", "remind 12/1 call Dana").text())
        .contains("Okay, I'll remind you on Tue 12 Jan at 09:00");
    assertThat(bot.slack.calls("users.info").get(0).param("include_locale")).isIn("1", "true");
  }

  @Test
  void slacks_word_order_and_a_refusal_with_a_usage_line() {
    assertThat(bot.slash("UANN", "remind me to call Dana tomorrow at 3pm").text())
        .contains("Okay, I'll remind you on Tue 24 Nov at 15:00 (tomorrow, in 29 h): call Dana.");
    String refused = bot.slash("UANN", "remind me 3pm call Dana tomorrow").text();
    assertThat(refused).contains("\"tomorrow\" is left in the note").contains("Usage: `remind");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 2)).isEmpty();
  }

  @Test
  void a_repeating_reminder_arrives_with_stop_series_and_the_click_ends_it() {
    assertThat(bot.slash("UANN", "remind me every day at 10:01 stretch").text())
        .contains("Okay, I'll remind you every day at 10:01, first on Mon 23 Nov at 10:01");
    bot.advance(java.time.Duration.ofMinutes(1));
    FakeSlackApi.Posted dm = bot.slack.postedIn("DUANN").get(0);
    assertThat(dm.call().buttonValues()).contains("done 1", "snooze 1 20m", "cancel 1");
    assertThat(dm.call().blockText()).contains("Repeats every day at 10:01");

    bot.click("UANN", "cancel 1", SlackTestBot.Container.message("DUANN", dm.ts()));
    assertThat(bot.slack.waitFor("chat.update").blockText()).contains("Cancelled by Ann");
    bot.advance(java.time.Duration.ofDays(2));
    assertThat(bot.slack.postedIn("DUANN")).hasSize(1);
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 2).orElseThrow().status())
        .isEqualTo(dev.followupbot.core.domain.ReminderStatus.CANCELLED);
  }
}
