package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.BOB;
import static dev.followupbot.teams.TeamsHarness.CHANNEL;
import static dev.followupbot.teams.TeamsHarness.TEAMS_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.testing.FakeConnector;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * People use the bot in Teams as they do in Slack: typing the shared commands in a personal chat or
 * mentioning the bot in a channel, and clicking card buttons. Everything goes over real HTTP to
 * /api/messages with valid tokens; the answers are what the fake Bot Connector receives.
 */
class TeamsConversationTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  /** Posts the activity and waits for the connector to have received {@code calls} requests. */
  private String say(ObjectNode activity, int calls) {
    int before = teams.connector.calls().size();
    assertThat(teams.post(activity).status()).isIn(200, 202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> teams.connector.calls().size() >= before + calls);
    return teams.connector.calls().subList(before, teams.connector.calls().size()).stream()
        .map(FakeConnector.Call::text)
        .reduce("", (a, b) -> a + "\n" + b);
  }

  private String say(ObjectNode activity) {
    return say(activity, 1);
  }

  @Test
  void claim_in_a_personal_chat_answers_in_that_chat() {
    say(teams.inChannel(ANN, "new Refund for Acme"), 2);
    String reply = say(teams.personal(BOB, "claim 1"));
    assertThat(reply).contains("#1").contains("Refund");
    assertThat(teams.connector.posts())
        .anySatisfy(
            c -> {
              assertThat(c.path())
                  .isEqualTo("/v3/conversations/" + BOB.personalChat() + "/activities");
              assertThat(c.text()).contains("#1");
            });
  }

  @Test
  void in_a_channel_the_bots_mention_is_stripped_and_new_posts_a_case_card_there() {
    String out = say(teams.inChannel(ANN, "new \"Refund for Acme\" for Dana !high"), 2);
    assertThat(out).contains("Opened case #1 · Refund for Acme");
    List<FakeConnector.Call> posts = teams.connector.posts();
    FakeConnector.Call card =
        posts.stream().filter(c -> c.text().contains("Priority")).findFirst().orElseThrow();
    assertThat(card.path()).startsWith("/v3/conversations/19:support@thread.tacv2");
    JsonNode content = card.body().at("/attachments/0/content");
    assertThat(content.path("version").asText()).isEqualTo("1.5");
    assertThat(content.toString())
        .contains("#1 · Refund for Acme")
        .contains("\"title\":\"Priority\",\"value\":\"high\"")
        .contains("\"verb\":\"followup\"")
        .contains("\"command\":\"claim 1\"");
    assertThat(card.body().path("summary").asText()).startsWith("Case #1 · Refund for Acme");
  }

  @Test
  void the_case_card_is_updated_in_place_when_the_case_changes_anywhere() {
    say(teams.inChannel(ANN, "new Refund for Acme"), 2);
    String cardId =
        teams.connector.posts().stream()
            .filter(c -> c.text().contains("Priority"))
            .findFirst()
            .map(c -> "activity-" + (teams.connector.posts().indexOf(c) + 1))
            .orElseThrow();
    // Claimed from Bob's personal chat: the card in the channel changes.
    say(teams.personal(BOB, "claim 1"), 2);
    FakeConnector.Call update =
        teams.connector.calls().stream()
            .filter(c -> c.method().equals("PUT"))
            .findFirst()
            .orElseThrow();
    assertThat(update.path()).endsWith("/activities/" + cardId).contains("19:support@thread.tacv2");
    assertThat(update.text()).contains("Owner").contains("Bob").contains("release 1");
  }

  @Test
  void an_execute_click_runs_the_command_as_the_clicker_and_returns_the_updated_card() {
    say(teams.inChannel(ANN, "new Refund for Acme"), 2);
    TeamsHarness.Answer answer = teams.post(teams.execute(BOB, CHANNEL, "channel", "claim 1"));
    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(body.path("value").toString())
        .contains("Bob claimed it at")
        .contains("\"command\":\"release 1\"");
    assertThat(teams.core.cases().findByNumber(TEAMS_TENANT, 1).orElseThrow().ownerId())
        .contains(BOB.id());
  }

  @Test
  void a_refused_execute_click_answers_the_clicker_only_and_leaves_the_card() {
    say(teams.inChannel(ANN, "new Refund for Acme"), 2);
    teams.post(teams.execute(BOB, CHANNEL, "channel", "claim 1"));
    int before = teams.connector.posts().size();
    TeamsHarness.Answer answer = teams.post(teams.execute(ANN, CHANNEL, "channel", "claim 1"));
    assertThat(answer.json().path("type").asText())
        .isEqualTo("application/vnd.microsoft.activity.message");
    assertThat(answer.json().path("value").asText()).contains("Bob");
    assertThat(teams.connector.posts()).hasSize(before);
  }

  @Test
  void a_submit_click_runs_the_command_and_replaces_the_clicked_card() {
    say(teams.inChannel(ANN, "new Refund for Acme"), 2);
    say(teams.submit(BOB, CHANNEL, "channel", "activity-2", "claim 1"), 1);
    FakeConnector.Call put =
        teams.connector.calls().stream()
            .filter(c -> c.method().equals("PUT"))
            .findFirst()
            .orElseThrow();
    assertThat(put.path()).endsWith("/activities/activity-2");
    assertThat(put.text()).contains("Bob claimed it at");
  }

  @Test
  void an_unknown_card_action_is_a_friendly_error() {
    ObjectNode click = teams.execute(ANN, ANN.personalChat(), "personal", "claim 1");
    ((ObjectNode) click.at("/value/action")).put("verb", "something-else");
    TeamsHarness.Answer answer = teams.post(click);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("statusCode").asInt()).isEqualTo(400);
    assertThat(answer.json().at("/value/message").asText()).contains("isn't one I know");
  }

  @Test
  void an_invoke_the_bot_does_not_handle_is_a_400_not_bot_builders_501() {
    ObjectNode query = teams.execute(ANN, ANN.personalChat(), "personal", "claim 1");
    query.put("name", "composeExtension/query");
    TeamsHarness.Answer answer = teams.post(query);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/value/message").asText()).contains("isn't an action I know");

    ObjectNode anonymous = teams.execute(ANN, ANN.personalChat(), "personal", "claim 1");
    anonymous.remove("from");
    assertThat(teams.post(anonymous).status()).isEqualTo(400);
  }

  @Test
  void a_sender_name_too_long_to_remember_is_still_answered() {
    ObjectNode help = teams.personal(ANN, "help");
    ((ObjectNode) help.get("from")).put("name", "A".repeat(30_000));
    assertThat(say(help)).contains("followup-bot keeps every case owned");
    assertThat(teams.storage.addresses().find(TEAMS_TENANT, "user:" + ANN.id())).isEmpty();
  }

  @Test
  void mentions_become_core_mentions_and_the_people_are_remembered() {
    say(teams.personal(ANN, "new Refund"));
    ObjectNode assign =
        TeamsHarness.mentioning(
            teams.personal(ANN, "assign 1 <at>Bob</at> he knows the account"), BOB);
    String reply = say(assign);
    assertThat(reply).contains("Bob");
    assertThat(teams.core.cases().findByNumber(TEAMS_TENANT, 1).orElseThrow().ownerId())
        .contains(BOB.id());
    Person bob = teams.storage.people().find(TEAMS_TENANT, BOB.id()).orElseThrow();
    assertThat(bob.displayName()).isEqualTo("Bob");
  }

  @Test
  void a_mention_does_not_overwrite_the_time_zone_a_person_told_us() {
    say(teams.personal(BOB, "help"));
    say(TeamsHarness.mentioning(teams.personal(ANN, "remind <at>Bob</at> in 1h call back"), BOB));
    assertThat(teams.storage.people().find(TEAMS_TENANT, BOB.id()).orElseThrow().zone())
        .isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void a_typed_id_mention_is_not_trusted_as_a_person() {
    say(teams.personal(ANN, "new Refund"));
    String reply = say(teams.personal(ANN, "assign 1 &lt;@29:someone|Eve&gt; take it"));
    assertThat(reply).doesNotContain("handed");
    assertThat(teams.core.cases().findByNumber(TEAMS_TENANT, 1).orElseThrow().ownerId()).isEmpty();
    assertThat(teams.storage.people().find(TEAMS_TENANT, "29:someone")).isEmpty();
  }

  @Test
  void the_name_and_time_zone_come_from_the_activity_and_tomorrow_9am_is_theirs() {
    String reply = say(teams.personal(BOB, "remind tomorrow 9am call the customer"));
    Person bob = teams.storage.people().find(TEAMS_TENANT, BOB.id()).orElseThrow();
    assertThat(bob.displayName()).isEqualTo("Bob");
    assertThat(bob.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(reply).contains("on Tue 24 Nov at 09:00 (tomorrow");
    assertThat(teams.scheduler.scheduledFor(1L))
        .contains(java.time.Instant.parse("2026-11-24T14:00:00Z"));
  }

  @Test
  void a_self_reminder_set_in_a_channel_without_a_personal_chat_says_how_to_get_it() {
    String reply = say(teams.inChannel(ANN, "remind in 1h check the refund"));
    assertThat(reply).contains("It's reminder 1").contains("Open followup-bot from Apps");
    say(teams.personal(ANN, "help"));
    assertThat(say(teams.inChannel(ANN, "remind in 2h check again")))
        .contains("It's reminder 2")
        .doesNotContain("Open followup-bot from Apps");
  }

  @Test
  void a_redelivered_activity_has_no_second_effect() {
    ObjectNode activity = teams.personal(ANN, "new Refund");
    say(activity);
    assertThat(teams.post(activity).status()).isEqualTo(202);
    assertThat(teams.core.cases().findByNumber(TEAMS_TENANT, 2)).isEmpty();
  }

  @Test
  void another_tenant_is_refused_politely_and_nothing_is_stored_for_it() throws Exception {
    teams.close();
    FakeConnector connector = new FakeConnector();
    try (TeamsHarness only =
        new TeamsHarness(
            TeamsHarness.credentials(
                java.util.Map.of(TeamsSettings.ALLOWED_TENANTS, TeamsHarness.OTHER_TENANT)),
            dev.followupbot.core.testing.TestDatabases.h2(),
            dev.followupbot.core.testing.MutableClock.at("2026-11-23T09:00:00Z"),
            connector)) {
      assertThat(only.post(only.personal(ANN, "new Refund")).status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(10)).until(() -> connector.requestCount() == 1);
      assertThat(connector.everything()).contains("works for another organization");
      assertThat(only.core.cases().findByNumber(TEAMS_TENANT, 1)).isEmpty();
      assertThat(only.storage.addresses().find(TEAMS_TENANT, "user:" + ANN.id())).isEmpty();
      assertThat(only.storage.people().find(TEAMS_TENANT, ANN.id())).isEmpty();
    }
  }

  @Test
  void installing_the_app_stores_the_personal_chat_and_says_hello() {
    String out = say(teams.installed(ANN));
    assertThat(out).contains("Type <code>help</code>");
    assertThat(
            teams.messenger.canReach(
                new dev.followupbot.core.domain.UserRef(TEAMS_TENANT, ANN.id())))
        .isTrue();
    assertThat(
            teams.messenger.canReach(
                new dev.followupbot.core.domain.UserRef(TEAMS_TENANT, BOB.id())))
        .isFalse();
  }

  @Test
  void timestamps_in_all_three_teams_formats_are_read() {
    for (String ts :
        List.of(
            "2026-11-23T09:00:00Z", "2026-11-23T09:00:00.123Z", "2026-11-23T09:00:00.1234567Z")) {
      ObjectNode activity = teams.personal(ANN, "help");
      activity.put("timestamp", ts);
      String out = say(activity);
      assertThat(out).contains("followup-bot keeps every case owned");
    }
  }
}
