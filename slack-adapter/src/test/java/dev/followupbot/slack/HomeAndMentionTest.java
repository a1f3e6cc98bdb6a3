package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.testing.FakeSlackApi;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home tab, {@code @followup} mentions, and the names and time zones the adapter learns
 * from users.info.
 */
class HomeAndMentionTest {

  private final SlackTestBot bot = new SlackTestBot();

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void opening_the_home_tab_publishes_the_persons_overview() {
    bot.slash("UANN", "new Refund for Acme");
    bot.slash("UANN", "new Login broken for Globex !urgent");
    bot.slash("UANN", "claim 1");
    bot.slash("UANN", "remind 1 tomorrow 9am call Dana back");

    assertThat(bot.event("Ev0HOME1", SlackTestBot.homeOpened("UANN"), Map.of()).status())
        .isEqualTo(200);
    FakeSlackApi.Call publish = bot.slack.waitFor("views.publish");
    assertThat(publish.param("user_id")).isEqualTo("UANN");
    JsonNode view = publish.json("view");
    assertThat(view.path("type").asText()).isEqualTo("home");
    assertThat(view.path("blocks").size()).isLessThanOrEqualTo(100);
    assertThat(publish.blockText())
        .contains("Your open cases")
        .contains("#1 · Refund — normal, claimed by you")
        .contains("1 · tomorrow 09:00 · #1 · call Dana back")
        .contains("#2 · Login broken — urgent, unclaimed")
        .contains("(Europe/Berlin)");
    assertThat(publish.buttonValues())
        .contains("resolve 1", "done 1", "snooze 1 1h", "claim 2", "show 2");
  }

  @Test
  void the_messages_tab_publishes_nothing() {
    ObjectNode opened = SlackTestBot.homeOpened("UANN").put("tab", "messages");
    assertThat(bot.event("Ev0MSGTAB", opened, Map.of()).status()).isEqualTo(200);
    bot.slash("UANN", "help");
    assertThat(bot.slack.calls("views.publish")).isEmpty();
  }

  @Test
  void a_click_on_home_runs_the_command_and_republishes_home_with_the_outcome_on_top() {
    bot.slash("UANN", "new Refund for Acme");
    bot.cardOf(1);
    bot.click("UBOB", "claim 1", SlackTestBot.Container.home());

    FakeSlackApi.Call publish = bot.slack.waitFor("views.publish");
    assertThat(publish.param("user_id")).isEqualTo("UBOB");
    JsonNode blocks = publish.json("view").path("blocks");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("You own #1 · Refund now. Thank you for taking it!");
    assertThat(blocks.get(1).path("type").asText()).isEqualTo("divider");
    assertThat(publish.blockText()).contains("#1 · Refund — normal, claimed by you");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.CLAIMED);
    assertThat(bot.slack.waitFor("chat.update").blockText()).contains("*Owner*\nBob");
    assertThat(bot.slack.calls("response_url")).isEmpty();
  }

  @Test
  void a_mention_runs_the_command_and_answers_the_speaker_alone() {
    bot.slash("UANN", "new Refund for Acme");
    bot.cardOf(1);
    assertThat(
            bot.event("Ev0MENTION", SlackTestBot.mention("UBOB", "<@UBOT> claim 1"), Map.of())
                .status())
        .isEqualTo(200);
    FakeSlackApi.Call answer = bot.slack.waitFor("chat.postEphemeral");
    assertThat(answer.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(answer.param("user")).isEqualTo("UBOB");
    assertThat(answer.param("text")).isEqualTo("You own #1 · Refund now. Thank you for taking it!");
    assertThat(bot.slack.waitFor("chat.update").blockText()).contains("*Owner*\nBob");
  }

  @Test
  void a_mention_in_a_thread_is_answered_in_the_thread() {
    ObjectNode event =
        SlackTestBot.mention("UANN", "hey <@UBOT|followup> help").put("thread_ts", "1795.0001");
    bot.event("Ev0THREAD", event, Map.of());
    FakeSlackApi.Call answer = bot.slack.waitFor("chat.postEphemeral");
    assertThat(answer.param("thread_ts")).isEqualTo("1795.0001");
    assertThat(answer.param("text")).startsWith("followup-bot commands");
  }

  @Test
  void the_callers_own_zone_makes_tomorrow_9am_their_9am() {
    bot.slash("UBOB", "remind tomorrow 9am call Dana back");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().dueAt())
        .hasToString("2026-11-24T14:00:00Z");
    bot.slash("UANN", "remind tomorrow 9am call Dana back");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 2).orElseThrow().dueAt())
        .hasToString("2026-11-24T08:00:00Z");
  }

  @Test
  void people_mentioned_in_a_command_are_looked_up_so_their_name_and_zone_are_known() {
    bot.slack.user("UDAVE", "Dave", "Asia/Tokyo");
    assertThat(bot.slash("UANN", "remind <@UDAVE> in 1h check the refund").text())
        .contains(
            "Okay, I'll remind Dave on Mon 23 Nov at 11:00 your time, 19:00 their time in"
                + " Asia/Tokyo (today, in 1 h)");
    Person dave = bot.storage.people().find(SlackTestBot.TENANT, "UDAVE").orElseThrow();
    assertThat(dave.displayName()).isEqualTo("Dave");
    assertThat(dave.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));

    bot.advance(Duration.ofHours(1));
    FakeSlackApi.Call dm = bot.slack.waitFor("chat.postMessage");
    assertThat(dm.param("channel")).isEqualTo("DUDAVE");
    assertThat(dm.blockText()).contains("set by Ann").contains("due 19:00");
  }

  @Test
  void names_are_cached_for_an_hour_and_then_asked_again() {
    bot.slash("UANN", "help");
    bot.slash("UANN", "reminders");
    assertThat(bot.slack.calls("users.info")).hasSize(1);
    bot.clock.advance(Duration.ofMinutes(61));
    bot.slash("UANN", "reminders");
    assertThat(bot.slack.calls("users.info")).hasSize(2);
  }

  @Test
  void when_users_info_fails_the_command_still_works_with_what_is_known() {
    bot.slack.failNext("users.info", FakeSlackApi.error("internal_error"));
    SlackTestBot.Answer answer = bot.slash("UZED", "remind tomorrow 9am stretch");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("Okay, I'll remind you on Tue 24 Nov at 09:00 (tomorrow");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().dueAt())
        .hasToString("2026-11-24T09:00:00Z");
  }
}
