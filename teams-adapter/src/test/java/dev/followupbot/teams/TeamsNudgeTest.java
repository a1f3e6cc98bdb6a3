package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.FakeConnector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A team's schedule in Teams: a case opened in a channel thread belongs to the channel's team; when
 * nobody claims it the channel is nudged, then the lead is mentioned so Teams notifies them, and a
 * claim stops the chain.
 */
class TeamsNudgeTest {

  private static final String CHANNEL_ID = "19:support@thread.tacv2";

  private final TeamsHarness teams =
      TeamsHarness.start(
          Configs.quietExcept(
              """
              teams:
                - id: support
                  channels: ["19:support@thread.tacv2"]
                  leads: ["%s"]
                  unclaimed:
                    nudge_after: 5s
                    escalation:
                      - {after: 5s, action: mention_leads}
                      - {after: 5s, action: nudge_channel}
                  nudges: {group_window: 0s}
              """
                  .formatted(BOB.id())));

  @AfterEach
  void close() {
    teams.close();
  }

  private List<FakeConnector.Call> toChannel() {
    return teams.connector.posts().stream()
        .filter(c -> c.path().equals("/v3/conversations/" + CHANNEL_ID + "/activities"))
        .toList();
  }

  @Test
  void an_unclaimed_case_nudges_the_channel_then_mentions_the_lead_until_claimed() {
    teams.post(teams.personal(BOB, "help"));
    teams.post(teams.inChannel(ANN, "new Refund for Acme !high"));
    await().atMost(Duration.ofSeconds(10)).until(() -> toChannel().size() == 1); // the card
    teams.advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> toChannel().size() == 2);
    assertThat(toChannel().get(1).text()).contains("has waited a few seconds for an owner");

    teams.advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> toChannel().size() == 3);
    JsonNode card = toChannel().get(2).body().path("attachments").get(0).path("content");
    assertThat(card.path("body").get(0).path("text").asText()).startsWith("<at>Bob</at> 👋 #1");
    assertThat(card.path("msteams").path("entities").get(0).path("mentioned").path("id").asText())
        .isEqualTo(BOB.id());

    teams.post(teams.personal(ANN, "claim 1"));
    int seen = teams.connector.posts().size();
    teams.advance(Duration.ofMinutes(5));
    assertThat(toChannel()).hasSize(3);
    assertThat(teams.connector.posts().size()).isLessThanOrEqualTo(seen + 1);
  }
}
