package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole shared grammar works in Teams, each command typed in a chat and answered there. */
class TeamsEveryCommandTest {

  private final TeamsHarness teams = TeamsHarness.start();

  @AfterEach
  void close() {
    teams.close();
  }

  /** The bot's answer in the chat the command was typed in. */
  private String say(ObjectNode activity) {
    String chat = activity.at("/conversation/id").asText();
    long before = answersIn(chat);
    assertThat(teams.post(activity).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> answersIn(chat) > before);
    var posts =
        teams.connector.posts().stream()
            .filter(c -> c.path().startsWith("/v3/conversations/" + chat + "/"))
            .toList();
    return posts.get(posts.size() - 1).text();
  }

  private long answersIn(String chat) {
    return teams.connector.posts().stream()
        .filter(c -> c.path().startsWith("/v3/conversations/" + chat + "/"))
        .count();
  }

  private String ann(String command) {
    return say(teams.personal(ANN, command));
  }

  @Test
  void every_command_answers_in_teams() {
    say(teams.personal(BOB, "help"));
    assertThat(ann("help")).contains("followup-bot keeps every case owned");
    assertThat(ann("help remind")).contains("remind [@person]");
    assertThat(
            teams
                .post(teams.inChannel(ANN, "new \"Refund for Acme\" for Dana !high ref:ZD-1"))
                .status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                teams.connector.everything().contains("Opened case #1 · Refund for Acme")
                    && teams.connector.everything().contains("Priority"));
    assertThat(ann("claim 1")).contains("#1");
    assertThat(ann("release 1")).contains("#1");
    assertThat(
            say(
                TeamsHarness.mentioning(
                    teams.personal(ANN, "assign 1 <at>Bob</at> knows Acme"), BOB)))
        .contains("Bob");
    assertThat(say(teams.personal(BOB, "wait 1 until tomorrow 10am"))).contains("#1");
    assertThat(say(teams.personal(BOB, "resume 1"))).contains("#1");
    assertThat(say(teams.personal(BOB, "resolve 1 refund sent"))).contains("#1");
    assertThat(ann("reopen 1 customer replied")).contains("#1");
    assertThat(say(teams.personal(BOB, "resolve 1"))).contains("#1");
    assertThat(ann("close 1")).contains("#1");
    assertThat(ann("show ZD-1")).contains("Refund for Acme").contains("History");
    assertThat(ann("cases all")).contains("#1");
    // Reminder 1 was the wait on the customer, cancelled by resume.
    assertThat(ann("remind 1 in 1h call Dana back")).contains("It's reminder 2");
    assertThat(ann("remind in 2h stretch")).contains("It's reminder 3");
    assertThat(ann("reminders")).contains("call Dana back").contains("stretch");
    assertThat(ann("snooze 2 30m")).contains("Snoozed reminder 2");
    assertThat(ann("done 2")).contains("reminder 2 done");
    assertThat(ann("cancel 3")).contains("reminder 3");
    assertThat(ann("frobnicate 3")).doesNotContain("Exception");
  }
}
