package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.BOB;
import static dev.followupbot.teams.TeamsHarness.TEAMS_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.FakeConnector;
import dev.followupbot.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders and nudges reach people proactively, through conversation references stored from
 * earlier activities: after a restart too, paced, retried by the core when Teams throttles, and
 * never sent to a service URL off the allow-list.
 */
class TeamsProactiveTest {

  private static void send(TeamsHarness teams, ObjectNode activity, int expectedCalls) {
    int before = teams.connector.calls().size();
    assertThat(teams.post(activity).status()).isIn(200, 202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> teams.connector.calls().size() >= before + expectedCalls);
  }

  private static List<FakeConnector.Call> postsTo(TeamsHarness teams, String conversation) {
    return teams.connector.posts().stream()
        .filter(c -> c.path().startsWith("/v3/conversations/" + conversation + "/"))
        .collect(Collectors.toList());
  }

  private static void due(TeamsHarness teams, Duration later) {
    teams.clock.advance(later);
    teams.scheduler.fireDue(teams.core.wakeUps(), teams.clock);
  }

  @Test
  void a_reminder_arrives_as_a_card_with_done_snooze_and_open_case_and_done_replaces_it() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "new Refund for Acme"), 1);
      send(teams, teams.personal(ANN, "remind 1 in 1h call Dana back"), 1);
      teams.connector.clear();
      due(teams, Duration.ofHours(1));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> postsTo(teams, ANN.personalChat()).size() == 1);
      FakeConnector.Call reminder = postsTo(teams, ANN.personalChat()).get(0);
      assertThat(reminder.authorization()).isEqualTo("Bearer " + TeamsHarness.OUTBOUND_TOKEN);
      String card = reminder.body().at("/attachments/0/content").toString();
      assertThat(card)
          .contains("Reminder: call Dana back")
          .contains("\"command\":\"done 1\"")
          .contains("\"command\":\"snooze 1 20m\"")
          .contains("\"command\":\"snooze 1 tomorrow 9am\"")
          .contains("\"command\":\"show 1\"");
      TeamsHarness.Answer clicked =
          teams.post(teams.execute(ANN, ANN.personalChat(), "personal", "done 1"));
      assertThat(clicked.json().path("value").toString())
          .contains("Done, marked by Ann")
          .doesNotContain("\"command\":\"done 1\"");
    }
  }

  @Test
  void
      a_channel_reminder_is_posted_in_the_channel_it_was_typed_in_and_not_set_from_a_personal_chat() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "remind #support in 1h check the unclaimed queue"), 1);
      assertThat(postsTo(teams, ANN.personalChat()).get(0).text())
          .contains("I can't tell which channel #support is from here");
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1)).isEmpty();

      send(teams, teams.inChannel(ANN, "remind #support in 1h check the unclaimed queue"), 1);
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1)).isPresent();
      teams.connector.clear();
      due(teams, Duration.ofHours(1));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> postsTo(teams, "19:support@thread.tacv2").size() == 1);
      assertThat(postsTo(teams, "19:support@thread.tacv2").get(0).text())
          .contains("Reminder: check the unclaimed queue");
      assertThat(postsTo(teams, ANN.personalChat())).isEmpty();
    }
  }

  @Test
  void after_a_restart_a_reminder_is_delivered_through_the_reference_stored_before(
      @TempDir Path dir) {
    DatabaseSettings file = DatabaseSettings.h2File(dir.toString());
    MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
    FakeConnector connector = new FakeConnector();
    TeamsHarness before =
        new TeamsHarness(TeamsHarness.credentials(Map.of()), Database.open(file), clock, connector);
    send(before, before.personal(ANN, "remind in 1h stretch your legs"), 1);
    before.stopBot();
    before.database.close();
    connector.clear();

    clock.advance(Duration.ofHours(2));
    try (TeamsHarness after =
        new TeamsHarness(
            TeamsHarness.credentials(Map.of()), Database.open(file), clock, connector)) {
      after.core.wakeUps().sweep();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> postsTo(after, ANN.personalChat()).size() == 1);
      FakeConnector.Call reminder = postsTo(after, ANN.personalChat()).get(0);
      assertThat(reminder.text()).contains("stretch your legs").contains("while I was offline");
      assertThat(reminder.authorization()).isEqualTo("Bearer " + TeamsHarness.OUTBOUND_TOKEN);
      assertThat(after.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.DELIVERED);
    }
  }

  @Test
  void a_throttled_reminder_waits_for_retry_after_and_is_delivered_exactly_once() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "remind in 1h check the refund"), 1);
      teams.connector.clear();
      teams.connector.answerNext(
          new MockResponse().setResponseCode(429).setHeader("Retry-After", "30").setBody("{}"));
      due(teams, Duration.ofHours(1));
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(1);
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.PENDING);

      // Not before Retry-After: the sweep leaves it alone.
      teams.clock.advance(Duration.ofSeconds(10));
      teams.core.wakeUps().sweep();
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(1);

      teams.clock.advance(Duration.ofSeconds(60));
      teams.core.wakeUps().sweep();
      teams.core.wakeUps().sweep();
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(2);
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.DELIVERED);
      teams.clock.advance(Duration.ofMinutes(10));
      teams.core.wakeUps().sweep();
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(2);
    }
  }

  /**
   * The connector reads the post and the connection breaks in the middle of its answer: Teams may
   * have it, and the Bot Connector cannot be asked. The reminder is sent again once, marked as a
   * possible repeat: never silently twice, never lost.
   */
  @Test
  void a_post_teams_never_answered_is_sent_again_once_marked_as_a_possible_repeat() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "remind in 1h check the refund"), 1);
      teams.connector.clear();
      teams.connector.answerNext(
          new MockResponse()
              .setResponseCode(201)
              .setHeader("Content-Type", "application/json")
              .setBody("{\"id\":\"activity-cut-off-in-the-middle\"}")
              .setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
      due(teams, Duration.ofHours(1));
      assertThat(postsTo(teams, ANN.personalChat())).as("the connector read it").hasSize(1);
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.PENDING);

      teams.clock.advance(Duration.ofSeconds(5));
      teams.core.wakeUps().sweep();
      teams.core.wakeUps().sweep();

      List<FakeConnector.Call> posts = postsTo(teams, ANN.personalChat());
      assertThat(posts).hasSize(2);
      assertThat(posts.get(0).text()).doesNotContain("You may have received this already");
      assertThat(posts.get(1).text())
          .contains("check the refund")
          .contains("You may have received this already");
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.DELIVERED);
      teams.clock.advance(Duration.ofMinutes(10));
      teams.core.wakeUps().sweep();
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(2);
    }
  }

  @Test
  void a_502_is_tried_once_per_delivery_attempt_without_the_sdks_blind_retries() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "remind in 1h check the refund"), 1);
      teams.connector.clear();
      int before = teams.connector.requestCount();
      teams.connector.answerNext(new MockResponse().setResponseCode(502));
      teams.connector.answerNext(new MockResponse().setResponseCode(502));
      teams.connector.answerNext(new MockResponse().setResponseCode(502));
      due(teams, Duration.ofHours(1));
      assertThat(teams.connector.requestCount() - before).isEqualTo(1);
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.PENDING);
    }
  }

  @Test
  void an_activity_naming_a_service_url_off_the_list_is_refused_and_that_host_never_contacted() {
    try (TeamsHarness teams = TeamsHarness.start();
        FakeConnector elsewhere = new FakeConnector("127.0.0.2")) {
      ObjectNode activity = teams.personal(ANN, "remind in 1m hello");
      activity.put("serviceUrl", elsewhere.url());
      assertThat(teams.post(activity).status()).isEqualTo(403);
      assertThat(elsewhere.requestCount()).isZero();
      assertThat(teams.connector.requestCount()).isZero();
      assertThat(teams.storage.addresses().find(TEAMS_TENANT, "user:" + ANN.id())).isEmpty();
      assertThat(teams.storage.addresses().find(TEAMS_TENANT, "conversation:" + ANN.personalChat()))
          .isEmpty();
    }
  }

  @Test
  void a_stored_reference_pointing_off_the_list_is_never_contacted_and_the_token_never_sent() {
    try (TeamsHarness teams = TeamsHarness.start();
        FakeConnector elsewhere = new FakeConnector("127.0.0.2")) {
      send(teams, teams.personal(ANN, "remind in 1h hello"), 1);
      String key = "user:" + ANN.id();
      String stored = teams.storage.addresses().find(TEAMS_TENANT, key).orElseThrow();
      teams
          .storage
          .addresses()
          .save(TEAMS_TENANT, key, stored.replace(teams.connector.url(), elsewhere.url()));
      due(teams, Duration.ofHours(1));
      assertThat(elsewhere.requestCount()).isZero();
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.FAILED);

      // Even asked directly, the adapter builds no client for that host.
      assertThatThrownBy(
              () ->
                  teams
                      .platform
                      .adapter()
                      .getOrCreateConnectorClient(
                          elsewhere.url(), TeamsHarness.fixedToken(TeamsHarness.APP_ID, "s"))
                      .join())
          .hasRootCauseInstanceOf(TeamsBotAdapter.UnlistedServiceUrl.class);
      assertThat(elsewhere.requestCount()).isZero();
    }
  }

  @Test
  void a_reminder_for_someone_without_the_app_warns_the_creator_and_then_says_how_to_fix_it() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      send(teams, teams.personal(ANN, "help"), 1);
      teams.connector.clear();
      send(
          teams,
          TeamsHarness.mentioning(teams.personal(ANN, "remind <at>Bob</at> in 1h call Acme"), BOB),
          1);
      assertThat(teams.connector.everything())
          .contains("Heads-up: I can't send Bob messages yet")
          .contains("install the followup-bot app");
      teams.connector.clear();
      due(teams, Duration.ofHours(1));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> postsTo(teams, ANN.personalChat()).size() == 1);
      assertThat(postsTo(teams, ANN.personalChat()).get(0).text())
          .contains("couldn't deliver reminder 1 to Bob")
          .contains("install the followup-bot app for them");
      assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().status())
          .isEqualTo(ReminderStatus.FAILED);
    }
  }

  @Test
  void posts_to_one_conversation_are_paced_two_seconds_apart() {
    try (TeamsHarness teams = TeamsHarness.start()) {
      assertThat(teams.messenger.pacing()).isEqualTo(Duration.ofSeconds(2));
      send(teams, teams.personal(ANN, "remind in 1h one"), 1);
      send(teams, teams.personal(ANN, "remind in 1h two"), 1);
      teams.connector.clear();
      due(teams, Duration.ofHours(1));
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(1);
      teams.clock.advance(Duration.ofSeconds(2));
      teams.core.wakeUps().sweep();
      assertThat(postsTo(teams, ANN.personalChat())).hasSize(2);
    }
  }
}
