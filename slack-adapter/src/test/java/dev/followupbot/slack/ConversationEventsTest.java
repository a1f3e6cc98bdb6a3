package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TeamYaml;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's message and reaction events, signed and over HTTP to the real adapter: the conversation
 * becomes the case, its thread the case's record.
 */
class ConversationEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANUAL = "C0MANUAL";

  private final SlackTestBot bot =
      new SlackTestBot(
          CoreHarness.quiet(
              ConfigLoader.parse(
                  "followup.yaml",
                  TeamYaml.team("support")
                      .channels(SlackTestBot.CHANNEL, MANUAL)
                      .members("UANN", "UBOB")
                      .intake("auto")
                      .intake(MANUAL, "manual")
                      .yaml())));

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void a_customers_message_opens_a_case_with_its_card_in_the_thread_and_a_ticket_on_it() {
    SlackTestBot.Answer answer =
        bot.event(
            "Ev1",
            message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UCAROL", "Export fails"),
            Map.of());

    assertThat(answer.status()).isEqualTo(200);
    SupportCase c = only();
    assertThat(c.subject()).isEqualTo("Export fails");
    assertThat(c.createdAt()).isEqualTo(Instant.parse("2026-11-18T11:08:20.000100Z"));
    assertThat(c.source().get().permalink())
        .contains("https://slack.com/archives/C0SUPPORT/p1795000100000100");
    FakeSlackApi.Call card = bot.slack.waitFor("chat.postMessage");
    assertThat(card.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(card.param("thread_ts")).isEqualTo("1795000100.000100");
    FakeSlackApi.Call mirror = bot.slack.waitFor("reactions.add");
    assertThat(mirror.param("name")).isEqualTo("ticket");
    assertThat(mirror.param("timestamp")).isEqualTo("1795000100.000100");
  }

  @Test
  void slacks_retry_of_the_message_under_a_new_event_id_still_makes_one_case() {
    ObjectNode m = message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UCAROL", "Help");
    bot.event("Ev1", m, Map.of());
    bot.event("Ev1", m, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
    bot.event("Ev2", m, Map.of());

    assertThat(only().number()).isEqualTo(1);
  }

  @Test
  void an_agents_reply_in_the_thread_is_the_first_response_and_takes_the_case() {
    bot.event(
        "Ev1",
        message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UCAROL", "Help"),
        Map.of());

    bot.event(
        "Ev2",
        message(SlackTestBot.CHANNEL, "1795000700.000200", "1795000100.000100", "UANN", "On it"),
        Map.of());

    SupportCase c = only();
    assertThat(c.firstResponseAt()).contains(Instant.parse("2026-11-18T11:18:20.000200Z"));
    assertThat(c.ownerId()).contains("UANN");
    assertThat(c.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
  }

  @Test
  void bots_edits_mentions_and_unknown_subtypes_have_no_effect() {
    ObjectNode fromBot = message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UCAROL", "x");
    fromBot.put("bot_id", "B0OTHER");
    ObjectNode edit = message(SlackTestBot.CHANNEL, "1795000100.000300", null, "UCAROL", "x");
    edit.put("subtype", "message_changed");
    ObjectNode odd = message(SlackTestBot.CHANNEL, "1795000100.000400", null, "UCAROL", "x");
    odd.put("subtype", "something_new");
    ObjectNode mention =
        message(SlackTestBot.CHANNEL, "1795000100.000500", null, "UCAROL", "<@UBOT> help");

    assertThat(bot.event("Ev1", fromBot, Map.of()).status()).isEqualTo(200);
    assertThat(bot.event("Ev2", edit, Map.of()).status()).isEqualTo(200);
    assertThat(bot.event("Ev3", odd, Map.of()).status()).isEqualTo(200);
    assertThat(bot.event("Ev4", mention, Map.of()).status()).isEqualTo(200);
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void hostile_message_events_get_a_200_and_no_partial_case() {
    ObjectNode noUser = message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UCAROL", "x");
    noUser.remove("user");
    ObjectNode badTs = message(SlackTestBot.CHANNEL, "not-a-ts", null, "UCAROL", "x");
    ObjectNode unknownChannel = message("C0NOBODY", "1795000100.000200", null, "UCAROL", "x");
    ObjectNode onlyEmoji =
        message(SlackTestBot.CHANNEL, "1795000100.000300", null, "UCAROL", ":fire: :fire:");
    ObjectNode huge =
        message(SlackTestBot.CHANNEL, "1795000100.000400", null, "UCAROL", "a".repeat(40_000));

    for (ObjectNode e : new ObjectNode[] {noUser, badTs, unknownChannel, onlyEmoji}) {
      assertThat(bot.event("Ev-" + e.hashCode(), e, Map.of()).status()).isEqualTo(200);
    }
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
    assertThat(bot.event("Ev-huge", huge, Map.of()).status()).isEqualTo(200);
    assertThat(only().subject()).hasSizeLessThanOrEqualTo(81);
  }

  @Test
  void another_workspaces_person_in_a_shared_channel_is_a_requester_even_if_named() {
    ObjectNode fromOutside =
        message(SlackTestBot.CHANNEL, "1795000100.000100", null, "UANN", "Hello from Globex");
    fromOutside.put("team", "T0GLOBEX");

    bot.event("Ev1", fromOutside, Map.of());

    assertThat(only().source().get().requesterId()).isEqualTo("UANN");
  }

  @Test
  void a_reaction_by_another_workspaces_person_does_nothing_even_if_they_are_named() {
    bot.slack.guest("UANN", "Ann of Globex", "T0GLOBEX");
    bot.slack.message(MANUAL, "1795000100.000100", "UCAROL", "Where is my refund");

    bot.event("Ev1", reaction("UANN", "ticket", MANUAL, "1795000100.000100"), Map.of());

    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
    assertThat(bot.slack.calls("users.info")).isNotEmpty();
  }

  @Test
  void a_members_ticket_opens_a_case_from_the_thread_root_and_eyes_and_check_claim_and_resolve() {
    bot.slack.message(
        MANUAL, "1795000100.000100", "UCAROL", "Where is my refund", "1795000200.000100");
    bot.event(
        "Ev0",
        message(MANUAL, "1795000100.000100", null, "UCAROL", "Where is my refund"),
        Map.of());
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();

    bot.event("Ev1", reaction("UCAROL", "ticket", MANUAL, "1795000200.000100"), Map.of());
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();

    bot.event("Ev2", reaction("UBOB", "ticket", MANUAL, "1795000200.000100"), Map.of());
    bot.event("Ev3", reaction("UANN", "ticket", MANUAL, "1795000100.000100"), Map.of());
    SupportCase opened = only();
    assertThat(opened.source().get().messageId()).isEqualTo("1795000100.000100");
    assertThat(opened.source().get().requesterId()).isEqualTo("UCAROL");
    assertThat(opened.subject()).isEqualTo("Where is my refund");

    bot.event("Ev4", reaction("UBOB", "eyes::skin-tone-3", MANUAL, "1795000100.000100"), Map.of());
    assertThat(only().ownerId()).contains("UBOB");
    bot.event("Ev5", reaction("UBOB", "white_check_mark", MANUAL, "1795000100.000100"), Map.of());
    assertThat(only().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void a_reaction_event_with_missing_fields_gets_a_200_and_no_effect() {
    ObjectNode noItem = reaction("UANN", "ticket", MANUAL, "1795000100.000100");
    noItem.remove("item");
    ObjectNode unknownMessage = reaction("UANN", "ticket", MANUAL, "1795009999.000100");

    assertThat(bot.event("Ev1", noItem, Map.of()).status()).isEqualTo(200);
    assertThat(bot.event("Ev2", unknownMessage, Map.of()).status()).isEqualTo(200);
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  private SupportCase only() {
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 2)).isEmpty();
    Optional<SupportCase> c = bot.core.cases().findByNumber(SlackTestBot.TENANT, 1);
    assertThat(c).as("case #1").isPresent();
    return c.get();
  }

  static ObjectNode message(String channel, String ts, String threadTs, String user, String text) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "message");
    e.put("channel", channel);
    e.put("user", user);
    e.put("text", text);
    e.put("ts", ts);
    if (threadTs != null) {
      e.put("thread_ts", threadTs);
    }
    e.put("channel_type", "channel");
    e.put("event_ts", ts);
    e.put("team", SlackTestBot.TEAM);
    return e;
  }

  static ObjectNode reaction(String user, String name, String channel, String ts) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "reaction_added");
    e.put("user", user);
    e.put("reaction", name);
    e.put("item_user", "UCAROL");
    e.putObject("item").put("type", "message").put("channel", channel).put("ts", ts);
    e.put("event_ts", "1795000900.000100");
    return e;
  }
}
