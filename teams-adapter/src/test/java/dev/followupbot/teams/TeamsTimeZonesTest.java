package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.testing.FakeConnector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Times read in the reader's zone where the reader is one person, and name their zone wherever it
 * is not the reader's own: a case card in a personal chat is in that person's zone, like {@code
 * show}; a card in a channel is in the team's zone and says so.
 */
class TeamsTimeZonesTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  private List<JsonNode> say(ObjectNode activity, int posts) {
    int before = teams.connector.posts().size();
    assertThat(teams.post(activity).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> teams.connector.posts().size() >= before + posts);
    return teams.connector.posts().subList(before, teams.connector.posts().size()).stream()
        .map(FakeConnector.Call::body)
        .toList();
  }

  private static JsonNode cardIn(List<JsonNode> posts) {
    return posts.stream()
        .filter(p -> p.path("attachments").size() > 0)
        .findFirst()
        .orElseThrow()
        .path("attachments")
        .get(0)
        .path("content");
  }

  @Test
  void a_case_card_in_a_personal_chat_reads_in_that_persons_zone_like_show() {
    // 09:00 UTC is 10:00 in Berlin, Ann's zone.
    List<JsonNode> posts = say(teams.personal(ANN, "new Refund for Acme"), 2);

    assertThat(cardIn(posts).toString()).contains("10:00 Europe/Berlin by Ann");
    assertThat(say(teams.personal(ANN, "show 1"), 1).get(0).toString())
        .contains("10:00 Europe/Berlin");
  }

  @Test
  void a_case_card_in_a_channel_reads_in_the_teams_zone_and_names_it() {
    List<JsonNode> posts = say(teams.inChannel(BOB, "new Refund for Acme"), 2);

    assertThat(cardIn(posts).toString()).contains("09:00 UTC by Bob");
  }

  @Test
  void the_confirmation_of_a_new_case_has_no_button_that_could_go_stale() {
    List<JsonNode> posts = say(teams.personal(ANN, "new Refund for Acme"), 2);

    JsonNode confirmation =
        posts.stream()
            .filter(p -> p.path("text").asText().startsWith("Opened case #1"))
            .findFirst()
            .orElseThrow();
    assertThat(confirmation.path("attachments").size()).isZero();
    assertThat(confirmation.path("text").asText()).contains("<code>claim 1</code> to take it");
    assertThat(cardIn(posts).toString()).contains("\"command\":\"claim 1\"");
  }
}
