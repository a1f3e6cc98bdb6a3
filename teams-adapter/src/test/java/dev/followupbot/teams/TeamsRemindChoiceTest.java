package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.TEAMS_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A numeric date follows the activity's {@code locale}; without one, both readings come back as
 * card buttons, nothing is set, and the click sets the reminder. Monday 23 November 2026, 10:00 in
 * Berlin.
 */
class TeamsRemindChoiceTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  private String say(ObjectNode activity) {
    int before = teams.connector.calls().size();
    assertThat(teams.post(activity).status()).isIn(200, 202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> teams.connector.calls().size() >= before + 1);
    return teams.connector.calls().subList(before, teams.connector.calls().size()).stream()
        .map(c -> c.body() == null ? "" : c.body().toString())
        .reduce("", (a, b) -> a + "\n" + b);
  }

  @Test
  void en_us_reads_12_1_as_1_december() {
    assertThat(say(teams.personal(ANN, "remind 12/1 call Dana")))
        .contains("Okay, I'll remind you on Tue 1 Dec at 09:00");
  }

  @Test
  void de_de_reads_12_1_as_12_january() {
    ObjectNode activity = teams.personal(ANN, "remind 12/1 call Dana");
    activity.put("locale", "de-DE");
    assertThat(say(activity)).contains("Okay, I'll remind you on Tue 12 Jan at 09:00");
  }

  @Test
  void without_a_locale_both_readings_are_buttons_and_the_click_sets_the_reminder() {
    ObjectNode activity = teams.personal(ANN, "remind 12/1 call Dana");
    activity.remove("locale");
    String card = say(activity);
    assertThat(card).contains("remind 2026-12-01 09:00").contains("remind 2027-01-12 09:00");
    assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1)).isEmpty();

    TeamsHarness.Answer clicked =
        teams.post(
            teams.execute(
                ANN, ANN.personalChat(), "personal", "remind 2026-12-01 09:00 \"call Dana\""));
    assertThat(clicked.status()).isEqualTo(200);
    assertThat(clicked.json().toString()).contains("Set: reminder 1 on Tue 1 Dec at 09:00");
    assertThat(teams.core.reminders().findByNumber(TEAMS_TENANT, 1).orElseThrow().dueAt())
        .hasToString("2026-12-01T08:00:00Z");
  }
}
