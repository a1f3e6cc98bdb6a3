package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.testing.FakeConnector;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answer to a command always arrives, once: after a pause in which the connector closed the
 * idle connection, the answer goes at once on a fresh connection; when the connector fails to take
 * it, it waits in the outbox and is delivered from there.
 */
class TeamsAnswerDeliveryTest {

  private TeamsHarness teams;

  @AfterEach
  void close() {
    if (teams != null) {
      teams.close();
    }
  }

  private TeamsHarness start(FakeConnector connector) {
    teams =
        new TeamsHarness(
            TeamsHarness.credentials(Map.of()),
            TestDatabases.h2(),
            MutableClock.at("2026-11-23T09:00:00Z"),
            connector);
    return teams;
  }

  private List<String> answersTo(String conversation) {
    return teams.connector.calls().stream()
        .filter(FakeConnector.Call::isPost)
        .filter(c -> c.path().equals("/v3/conversations/" + conversation + "/activities"))
        .map(FakeConnector.Call::text)
        .toList();
  }

  private List<String> outboxAnswerStates() {
    return teams
        .database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT state FROM outbox WHERE dedupe_key LIKE 'answer:%'")
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void answers_after_pauses_longer_than_the_connectors_keep_alive_all_arrive_once_and_at_once() {
    FakeConnector connector = FakeConnector.closingIdleConnectionsAfter(Duration.ofSeconds(1));
    start(connector);
    for (int i = 1; i <= 4; i++) {
      int closedBefore = connector.idleClosures();
      assertThat(teams.post(teams.personal(ANN, "whoami")).status()).isEqualTo(202);
      assertThat(answersTo(ANN.personalChat())).hasSize(i);
      // The person pauses; the connector closes the idle connection meanwhile.
      await().atMost(Duration.ofSeconds(5)).until(() -> connector.idleClosures() > closedBefore);
    }

    assertThat(answersTo(ANN.personalChat()))
        .hasSize(4)
        .allSatisfy(answer -> assertThat(answer).contains(ANN.id()));
    assertThat(outboxAnswerStates()).as("answered in the turn, none from the outbox").isEmpty();
  }

  @Test
  void an_answer_the_connector_refused_with_a_502_arrives_from_the_outbox_once() {
    start(new FakeConnector());
    teams.connector.answerNext(new MockResponse().setResponseCode(502));

    assertThat(teams.post(teams.personal(ANN, "whoami")).status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> outboxAnswerStates().equals(List.of("SENT")));
    List<String> attempts = answersTo(ANN.personalChat());
    assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a).contains(ANN.id()));
  }

  @Test
  void an_answer_whose_connection_broke_on_a_fresh_connection_is_sent_from_the_outbox() {
    start(new FakeConnector());
    teams.connector.answerNext(
        new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    ObjectNode typed = teams.inChannel(ANN, "whoami");

    assertThat(teams.post(typed).status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> outboxAnswerStates().equals(List.of("SENT")));
    assertThat(answersTo(CHANNEL)).hasSize(2);
  }

  @Test
  void a_redelivered_command_whose_answer_waits_in_the_outbox_does_not_queue_a_second_one() {
    start(new FakeConnector());
    teams.connector.answerNext(new MockResponse().setResponseCode(502));
    ObjectNode typed = teams.personal(ANN, "whoami");

    teams.post(typed);
    teams.post(typed);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> outboxAnswerStates().equals(List.of("SENT")));
    assertThat(answersTo(ANN.personalChat())).hasSize(2);
  }
}
