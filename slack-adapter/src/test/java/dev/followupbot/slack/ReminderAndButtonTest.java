package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.testing.FakeSlackApi;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders arrive as direct messages with their buttons; a click runs the button's command as the
 * clicker, answers them privately and replaces the clicked message with what happened. The case
 * card stays current whatever changes the case.
 */
class ReminderAndButtonTest {

  private final SlackTestBot bot = new SlackTestBot();

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  /** Ann owns case 1 and gets reminder 1 about it, delivered as a DM. */
  private FakeSlackApi.Posted reminderDelivered() {
    bot.slash("UANN", "new Refund for Acme");
    bot.cardOf(1);
    bot.slash("UANN", "claim 1");
    bot.slack.waitFor("chat.update");
    bot.slash("UANN", "remind 1 in 1m call Dana back");
    bot.advance(Duration.ofMinutes(1));
    return bot.slack.postedIn("DUANN").get(0);
  }

  @Test
  void a_due_reminder_arrives_as_a_dm_with_done_snooze_and_open_case_buttons() {
    FakeSlackApi.Posted dm = reminderDelivered();
    assertThat(bot.slack.calls("conversations.open")).hasSize(1);
    assertThat(bot.slack.calls("conversations.open").get(0).param("users")).isEqualTo("UANN");
    assertThat(dm.call().param("text")).isEqualTo("⏰ Reminder: call Dana back");
    assertThat(dm.call().blockText())
        .contains("Case #1 · Refund — normal, claimed by you")
        .contains("Reminder 1 · set by you · due 10:01");
    assertThat(dm.call().buttonValues())
        .containsExactly(
            "done 1",
            "snooze 1 20m",
            "snooze 1 1h",
            "snooze 1 3h",
            "snooze 1 tomorrow 9am",
            "snooze 1 next monday 9am",
            "show 1");
    assertThat(bot.storage.addresses().find(SlackTestBot.TENANT, "slack-dm:UANN"))
        .contains("DUANN");

    bot.slash("UANN", "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.postedIn("DUANN")).hasSize(2);
    assertThat(bot.slack.calls("conversations.open")).hasSize(1);
  }

  @Test
  void clicking_done_marks_it_answers_the_clicker_and_replaces_the_buttons_with_who_and_when() {
    FakeSlackApi.Posted dm = reminderDelivered();
    SlackTestBot.Answer ack =
        bot.click("UANN", "done 1", SlackTestBot.Container.message("DUANN", dm.ts()));
    assertThat(ack.status()).isEqualTo(200);

    JsonNode told = bot.slack.waitFor("response_url").bodyJson();
    assertThat(told.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(told.path("replace_original").asBoolean()).isFalse();
    assertThat(told.path("text").asText()).isEqualTo("Marked reminder 1 done. Thanks!");

    FakeSlackApi.Call update = bot.slack.waitFor("chat.update", 2);
    assertThat(update.param("channel")).isEqualTo("DUANN");
    assertThat(update.param("ts")).isEqualTo(dm.ts());
    assertThat(update.blockText())
        .contains("✅ Reminder 1: call Dana back")
        .contains("Done, marked by Ann at 10:01.");
    assertThat(update.buttonValues()).containsExactly("show 1");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(ReminderStatus.DONE);
    assertThat(bot.slack.calls("response_url").get(0).authorization()).isNull();
  }

  @Test
  void a_channel_reminder_is_posted_in_the_mentioned_channel_and_anyone_there_may_mark_it_done() {
    assertThat(bot.slash("UANN", "remind <#C0OPS|ops> in 1m check the unclaimed queue").text())
        .contains("Okay, I'll post in #ops");
    bot.advance(Duration.ofMinutes(1));
    FakeSlackApi.Posted post = bot.slack.postedIn("C0OPS").get(0);
    assertThat(post.call().param("text")).isEqualTo("⏰ Reminder: check the unclaimed queue");
    assertThat(post.call().blockText()).contains("set by Ann");
    assertThat(bot.slack.postedIn("DUANN")).isEmpty();

    bot.click("UBOB", "done 1", SlackTestBot.Container.message("C0OPS", post.ts()));
    FakeSlackApi.Call update = bot.slack.waitFor("chat.update");
    assertThat(update.param("channel")).isEqualTo("C0OPS");
    assertThat(update.blockText()).contains("✅ Reminder 1: check the unclaimed queue");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(ReminderStatus.DONE);
  }

  @Test
  void clicking_snooze_moves_the_reminder_and_it_comes_back_an_hour_later() {
    FakeSlackApi.Posted dm = reminderDelivered();
    bot.click("UANN", "snooze 1 1h", SlackTestBot.Container.message("DUANN", dm.ts()));
    FakeSlackApi.Call update = bot.slack.waitFor("chat.update", 2);
    assertThat(update.param("ts")).isEqualTo(dm.ts());
    assertThat(update.blockText())
        .contains("💤 Reminder 1: call Dana back")
        .contains("Snoozed by Ann until 11:01.");
    assertThat(bot.slack.waitFor("response_url").bodyJson().path("text").asText())
        .startsWith("Snoozed reminder 1 until 11:01");

    bot.advance(Duration.ofMinutes(59));
    assertThat(bot.slack.postedIn("DUANN")).hasSize(1);
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.postedIn("DUANN")).hasSize(2);
    assertThat(bot.slack.postedIn("DUANN").get(1).call().blockText()).contains("snoozed 1×");
  }

  @Test
  void someone_else_clicking_done_is_told_who_can_and_the_message_stays_as_it_was() {
    FakeSlackApi.Posted dm = reminderDelivered();
    bot.click("UBOB", "done 1", SlackTestBot.Container.message("DUANN", dm.ts()));
    JsonNode told = bot.slack.waitFor("response_url").bodyJson();
    assertThat(told.path("text").asText())
        .isEqualTo("Reminder 1 is Ann's; only Ann can mark it done.");
    assertThat(told.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(bot.slack.calls("chat.update")).hasSize(1);
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isNotEqualTo(ReminderStatus.DONE);
  }

  @Test
  void claiming_from_the_case_card_updates_the_card_in_place_and_thanks_the_clicker() {
    bot.slash("UANN", "new Refund for Acme !high");
    MessageRef card = bot.cardOf(1);
    bot.click("UBOB", "claim 1", SlackTestBot.Container.message(card.channel(), card.messageId()));

    assertThat(bot.slack.waitFor("response_url").bodyJson().path("text").asText())
        .isEqualTo("You own #1 · Refund now. Thank you for taking it!");
    FakeSlackApi.Call last = bot.slack.waitFor("chat.update", 2);
    assertThat(bot.slack.calls("chat.update"))
        .allSatisfy(u -> assertThat(u.param("ts")).isEqualTo(card.messageId()))
        .allSatisfy(u -> assertThat(u.param("channel")).isEqualTo(SlackTestBot.CHANNEL));
    assertThat(last.blockText()).contains("*Owner*\nBob").contains("Bob claimed it at 09:00 UTC.");
    assertThat(last.buttonValues()).containsExactly("release 1", "resolve 1");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.CLAIMED);

    bot.click(
        "UCAROL", "resolve 1", SlackTestBot.Container.message(card.channel(), card.messageId()));
    assertThat(bot.slack.waitFor("response_url", 2).bodyJson().path("text").asText())
        .startsWith("Only Bob (the owner) or an admin can resolve #1 · Refund.");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.CLAIMED);
  }

  @Test
  void a_click_on_a_private_reply_replaces_it_through_the_response_url() {
    bot.slash("UANN", "new Refund for Acme");
    bot.cardOf(1);
    SlackTestBot.Answer shown = bot.slash("UANN", "show 1");
    assertThat(shown.json().findValuesAsText("value")).contains("claim 1");
    bot.click("UANN", "claim 1", SlackTestBot.Container.ephemeral(SlackTestBot.CHANNEL));

    bot.slack.waitFor("response_url", 2);
    JsonNode answer = bot.slack.calls("response_url").get(0).bodyJson();
    JsonNode replaced = bot.slack.calls("response_url").get(1).bodyJson();
    assertThat(answer.path("text").asText()).contains("You own #1 · Refund now.");
    assertThat(answer.path("replace_original").asBoolean()).isFalse();
    assertThat(replaced.path("replace_original").asBoolean()).isTrue();
    assertThat(bot.slack.calls("response_url").get(1).blockText())
        .contains("*Owner*\nAnn")
        .contains("Ann claimed it at 09:00 UTC.");
    // The channel card follows too, through the outbox.
    assertThat(bot.slack.waitFor("chat.update").blockText()).contains("*Owner*\nAnn");
  }

  @Test
  void a_response_url_outside_slack_is_never_posted_to() {
    bot.slash("UANN", "new Refund for Acme");
    MessageRef card = bot.cardOf(1);
    bot.click(
        "UBOB",
        "claim 1",
        SlackTestBot.Container.message(card.channel(), card.messageId()),
        SlackTestBot.TEAM,
        "https://evil.example/steal");
    FakeSlackApi.Call told = bot.slack.waitFor("chat.postEphemeral");
    assertThat(told.param("user")).isEqualTo("UBOB");
    assertThat(told.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(told.param("text")).contains("You own #1");
    assertThat(bot.slack.calls("response_url")).isEmpty();
  }

  @Test
  void a_change_made_anywhere_updates_the_card() {
    bot.slash("UANN", "new Refund for Acme");
    MessageRef card = bot.cardOf(1);
    bot.core
        .commands()
        .handle(
            new dev.followupbot.core.service.Caller(
                SlackTestBot.TENANT, "UCAROL", "Carol", java.time.ZoneOffset.UTC, "elsewhere"),
            "claim 1");
    bot.sweep();
    FakeSlackApi.Call update = bot.slack.waitFor("chat.update");
    assertThat(update.param("ts")).isEqualTo(card.messageId());
    assertThat(update.blockText()).contains("*Owner*\nCarol");
  }

  @Test
  void a_rate_limited_reminder_waits_for_retry_after_and_is_then_delivered_once() {
    bot.slash("UANN", "remind in 1m call Dana back");
    bot.slack.failNext("chat.postMessage", FakeSlackApi.rateLimited(30));
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.calls("chat.postMessage")).hasSize(1);
    assertThat(bot.slack.postedIn("DUANN")).isEmpty();
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(ReminderStatus.PENDING);

    bot.clock.advance(Duration.ofSeconds(20));
    bot.sweep();
    assertThat(bot.slack.calls("chat.postMessage")).hasSize(1);

    bot.clock.advance(Duration.ofSeconds(11));
    bot.sweep();
    assertThat(bot.slack.calls("chat.postMessage")).hasSize(2);
    assertThat(bot.slack.postedIn("DUANN")).hasSize(1);
    assertThat(bot.slack.postedIn("DUANN").get(0).call().param("text"))
        .isEqualTo("⏰ Reminder: call Dana back");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(ReminderStatus.DELIVERED);

    bot.clock.advance(Duration.ofMinutes(10));
    bot.sweep();
    assertThat(bot.slack.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void posts_to_one_channel_are_paced_a_second_apart() {
    bot.slash("UANN", "new Refund");
    bot.cardOf(1);
    Instant firstAt = bot.clock.instant();
    bot.slash("UANN", "new Outage");
    bot.sweep();
    assertThat(bot.slack.postedIn(SlackTestBot.CHANNEL)).hasSize(1);
    bot.clock.set(firstAt.plusSeconds(1));
    // The attempt made right after the acknowledgement runs on its own thread and may still be
    // handing the post back when a sweep looks; a sweep is harmless, so repeat it until the post
    // is out.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              bot.sweep();
              assertThat(bot.slack.postedIn(SlackTestBot.CHANNEL)).hasSize(2);
            });
  }
}
