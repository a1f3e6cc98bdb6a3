package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.testing.FakeSlackApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /followup <command>} over real HTTP: every command of the shared grammar, answered
 * privately inside the acknowledgement, with its effects (the case card, its updates, direct
 * messages) delivered to Slack's Web API afterwards.
 */
class SlashCommandTest {

  private final SlackTestBot bot = new SlackTestBot();

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void help_is_answered_privately_in_the_acknowledgement() {
    SlackTestBot.Answer answer = bot.slash("UANN", "help");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode reply = answer.json();
    assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asText()).startsWith("followup-bot commands");
    assertThat(answer.text()).contains("`remind").contains("`claim");
    assertThat(bot.slash("UANN", "help remind").text()).contains("Example: `remind");
    assertThat(bot.slash("UANN", "").status()).isEqualTo(200);
    assertThat(bot.slack.waitFor("views.open").param("view")).contains("Open a case");
  }

  @Test
  void a_mistyped_command_gets_a_suggestion_and_never_a_stack_trace() {
    SlackTestBot.Answer answer = bot.slash("UANN", "clam 3");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(answer.text()).contains("Did you mean `claim`?").doesNotContain("Exception");
  }

  @Test
  void new_opens_a_case_and_posts_its_card_in_the_channel() {
    SlackTestBot.Answer answer = bot.slash("UANN", "new \"Refund for Acme\" for Dana !high");
    assertThat(answer.text())
        .contains("Opened case #1 · Refund for Acme for Dana (high)")
        .contains("`claim 1`");
    assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");

    FakeSlackApi.Call card = bot.slack.waitFor("chat.postMessage");
    assertThat(card.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(card.param("text")).isEqualTo("Case #1 · Refund for Acme: unclaimed");
    assertThat(card.blockText())
        .contains("#1 · Refund for Acme")
        .contains("*Customer*\nDana")
        .contains("*Priority*\nhigh")
        .contains("*Owner*\nnobody yet")
        .contains("by Ann");
    assertThat(card.buttonValues()).containsExactly("claim 1", "resolve 1");
    assertThat(card.authorization()).isEqualTo("Bearer " + SlackTestBot.TOKEN);
  }

  @Test
  void the_card_follows_the_case_through_claim_assign_wait_resolve_reopen_and_close() {
    bot.slash("UANN", "new Refund for Acme");
    String ts = bot.cardOf(1).messageId();

    assertThat(bot.slash("UBOB", "claim 1").text())
        .contains("You own #1 · Refund now. Thank you for taking it!");
    FakeSlackApi.Call claimed = bot.slack.waitFor("chat.update");
    assertThat(claimed.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(claimed.param("ts")).isEqualTo(ts);
    assertThat(claimed.blockText()).contains("*Owner*\nBob").contains("*Status*\nclaimed");
    assertThat(claimed.buttonValues()).containsExactly("release 1", "resolve 1");

    assertThat(bot.slash("UANN", "release 1").text())
        .contains("Only Bob (the owner) or an admin can release #1 · Refund.");
    assertThat(bot.slash("UBOB", "release 1").text())
        .contains("You released #1 · Refund. It's back in the team's queue.");
    assertThat(bot.slack.waitFor("chat.update", 2).blockText()).contains("*Owner*\nnobody yet");
    bot.slash("UBOB", "claim 1");
    bot.slack.waitFor("chat.update", 3);

    assertThat(bot.slash("UBOB", "assign 1 <@UCAROL|carol> she knows Acme").text())
        .contains("#1 · Refund is now Carol's. I've let them know.");
    FakeSlackApi.Call open = bot.slack.waitFor("conversations.open");
    assertThat(open.param("users")).isEqualTo("UCAROL");
    FakeSlackApi.Call note = bot.slack.waitFor("chat.postMessage", 2);
    assertThat(note.param("channel")).isEqualTo("DUCAROL");
    assertThat(note.param("text")).contains("Bob handed you case #1 · Refund");
    bot.slack.waitFor("chat.update", 4);

    assertThat(bot.slash("UCAROL", "wait 1 until tomorrow 9am").text())
        .contains("is waiting on the customer. I'll remind you tomorrow 09:00");
    bot.slack.waitFor("chat.update", 5);
    assertThat(bot.slash("UCAROL", "resume 1").text()).contains("is back in progress");
    bot.slack.waitFor("chat.update", 6);
    assertThat(bot.slash("UCAROL", "resolve 1 refunded").text()).contains("Resolved #1 · Refund");
    bot.slack.waitFor("chat.update", 7);
    assertThat(bot.slash("UANN", "reopen 1 customer wrote back").text())
        .contains("#1 · Refund is open again and back with Carol.");
    bot.slack.waitFor("chat.update", 8);
    assertThat(bot.slash("UCAROL", "close 1").text()).contains("Only resolved cases can be closed");
    bot.slash("UCAROL", "resolve 1 refunded again");
    bot.slack.waitFor("chat.update", 9);
    assertThat(bot.slash("UCAROL", "close 1").text()).contains("Closed #1 · Refund.");
    FakeSlackApi.Call closed = bot.slack.waitFor("chat.update", 10);
    assertThat(closed.blockText()).contains("*Status*\nclosed");

    String shown = bot.slash("UANN", "show 1").text();
    assertThat(shown)
        .contains("History:")
        .contains("Ann opened it")
        .contains("Bob claimed it")
        .contains("Bob assigned it to Carol: she knows Acme")
        .contains("Carol closed it");
    assertThat(bot.slash("UANN", "cases all").text()).contains("#1 · Refund");
    assertThat(bot.slash("UANN", "cases").text()).contains("No open cases.");
  }

  @Test
  void reminders_are_set_listed_snoozed_done_and_cancelled_in_each_persons_own_time() {
    assertThat(bot.slash("UBOB", "remind tomorrow 9am call Dana back").text())
        .contains("Okay, I'll remind you on Tue 24 Nov at 09:00 (tomorrow, in 29 h)")
        .contains("It's reminder 1.");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().dueAt())
        .hasToString("2026-11-24T14:00:00Z");

    assertThat(bot.slash("UANN", "remind <@UBOB|bob> in 2h check the refund").text())
        .contains(
            "Okay, I'll remind Bob on Mon 23 Nov at 12:00 your time, 06:00 their time in"
                + " America/New_York (today, in 2 h)")
        .contains("It's reminder 2.");
    assertThat(bot.slash("UBOB", "reminders").text())
        .contains("1 · tomorrow 09:00 · call Dana back")
        .contains("2 · 06:00 · check the refund");
    assertThat(bot.slash("UBOB", "snooze 2 1h").text()).contains("Snoozed reminder 2 until 05:00");
    assertThat(bot.slash("UANN", "done 2").text()).contains("only Bob can mark it done");
    assertThat(bot.slash("UBOB", "done 2").text()).contains("Marked reminder 2 done. Thanks!");
    assertThat(bot.slash("UBOB", "cancel 1").text()).contains("Cancelled reminder 1.");
    assertThat(bot.slash("UBOB", "reminders").text()).contains("You have no pending reminders");
    bot.advance(Duration.ofDays(2));
    assertThat(bot.slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void text_in_any_language_survives_the_signature_and_the_round_trip() {
    // Slack escapes &, < and > in what people type.
    assertThat(bot.slash("UANN", "new Rückerstattung für Zoë 🚀 &lt;script&gt; &amp; co").text())
        .contains("Opened case #1 · Rückerstattung für Zoë 🚀 &lt;script&gt; &amp; co");
    FakeSlackApi.Call card = bot.slack.waitFor("chat.postMessage");
    assertThat(card.blockText()).contains("#1 · Rückerstattung für Zoë 🚀 <script> & co");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().subject())
        .as("stored once decoded, so the console, digests and the API read it right")
        .isEqualTo("Rückerstattung für Zoë 🚀 <script> & co");
  }

  @Test
  void links_and_broadcasts_typed_in_a_subject_stay_plain_text() {
    bot.slash("UANN", "new Refund <!channel> <https://phish.example|portal> for Smith &amp; Sons");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().subject())
        .isEqualTo("Refund @channel https://phish.example");
    FakeSlackApi.Call card = bot.slack.waitFor("chat.postMessage");
    assertThat(card.param("blocks")).doesNotContain("<!channel>").doesNotContain("<https://");
  }
}
