package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.CHANNEL;
import static dev.followupbot.teams.TeamsHarness.TEAMS_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.authentication.AppCredentials;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What /api/messages answers besides commands: conversation updates, redelivered clicks, oversized
 * bodies and failures, always as JSON and never as a stack trace.
 */
class TeamsHostingTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  @Test
  void adding_the_bot_to_a_team_stores_the_channel_conversation_without_answering() {
    ObjectNode update = teams.base("conversationUpdate", ANN, CHANNEL, "channel");
    update.putArray("membersAdded").addObject().put("id", TeamsHarness.BOT_ID);
    assertThat(teams.post(update).status()).isEqualTo(202);
    assertThat(teams.storage.addresses().find(TEAMS_TENANT, "conversation:" + CHANNEL))
        .hasValueSatisfying(json -> assertThat(json).contains(teams.connector.url()));
    assertThat(teams.connector.requestCount()).isZero();
  }

  @Test
  void a_redelivered_click_is_answered_without_running_the_command_twice() {
    teams.post(teams.personal(ANN, "remind in 1m stretch"));
    ObjectNode click = teams.execute(ANN, ANN.personalChat(), "personal", "snooze 1 1h");
    assertThat(teams.post(click).json().path("value").toString()).contains("Snoozed");
    TeamsHarness.Answer again = teams.post(click);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("value").asText()).isEqualTo("That click was already handled.");
    assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().snoozeCount())
        .isEqualTo(1);
  }

  @Test
  void open_case_from_a_card_posts_the_case_in_the_chat_and_tells_the_clicker() {
    teams.post(teams.personal(ANN, "new Refund for Acme"));
    await().atMost(Duration.ofSeconds(10)).until(() -> teams.connector.posts().size() >= 2);
    int before = teams.connector.posts().size();
    TeamsHarness.Answer answer =
        teams.post(teams.execute(ANN, ANN.personalChat(), "personal", "show 1"));
    assertThat(answer.json().path("type").asText())
        .isEqualTo("application/vnd.microsoft.activity.message");
    assertThat(teams.connector.posts()).hasSize(before + 1);
    assertThat(teams.connector.posts().get(before).text()).contains("History");
  }

  @Test
  void an_oversized_body_is_refused_before_anything_reads_it() {
    String huge = "{\"type\":\"message\",\"text\":\"" + "x".repeat(600_000) + "\"}";
    assertThat(teams.postRaw(huge, "Bearer x").status()).isEqualTo(413);
  }

  @Test
  void a_failure_inside_the_bot_is_a_json_500_with_a_reference_and_no_stack_trace() {
    teams.database.close();
    TeamsHarness.Answer answer = teams.post(teams.personal(ANN, "help"));
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.json().path("reference").asText()).hasSize(8);
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void a_single_tenant_bot_asks_its_own_tenant_for_tokens() {
    TeamsSettings single =
        TeamsSettings.from(
                TeamsHarness.credentials(Map.of(TeamsSettings.APP_TENANT, TeamsHarness.TENANT)))
            .orElseThrow();
    AppCredentials credentials =
        TeamsBotAdapter.entraId(single)
            .credentials(TeamsHarness.APP_ID, "https://api.botframework.com/.default");
    assertThat(credentials.oAuthEndpoint())
        .isEqualTo("https://login.microsoftonline.com/" + TeamsHarness.TENANT);
    assertThat(credentials.oAuthScope()).isEqualTo("https://api.botframework.com/.default");
    TeamsSettings multi = TeamsSettings.from(TeamsHarness.credentials(Map.of())).orElseThrow();
    assertThat(
            TeamsBotAdapter.entraId(multi)
                .credentials(TeamsHarness.APP_ID, "https://api.botframework.com/.default")
                .oAuthEndpoint())
        .isEqualTo("https://login.microsoftonline.com/botframework.com");
  }
}
