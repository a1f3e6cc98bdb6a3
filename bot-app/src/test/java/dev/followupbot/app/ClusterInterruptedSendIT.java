package dev.followupbot.app;

import static dev.followupbot.app.InterruptedSendIT.SETTLED_WITHIN_MS;
import static dev.followupbot.app.InterruptedSendIT.awaitMillis;
import static dev.followupbot.app.InterruptedSendIT.postsWith;
import static dev.followupbot.app.InterruptedSendIT.report;
import static dev.followupbot.app.InterruptedSendIT.updatedTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 8: on a two-node PostgreSQL cluster, node a is killed with {@code kill -9} while a
 * reminder and a case card of its are in flight (Slack has both, its answers never came back); node
 * b is alive from then on, and someone claims the case on b meanwhile. Node a comes back and
 * recognises its earlier life at once: both are settled at its start-up, the card is brought up to
 * date in place, and every message is in Slack exactly once. The members check in every 15 s here,
 * so b would presume a dead only after about 37 s: the figure under 30 s comes from the restarted
 * node's own recognition, and b must leave a's claims alone while a lives. Skipped without
 * PostgreSQL.
 */
class ClusterInterruptedSendIT {

  @TempDir Path dir;

  private Map<String, String> member(String name, FakeSlackApi slack, DatabaseSettings database)
      throws Exception {
    Map<String, String> env = ClusterFailoverIT.member(dir, name, slack, database);
    Path config = Path.of(env.get("FOLLOWUP_CONFIG"));
    Files.writeString(
        config, ServeNode.quietConfig().replace("cluster_checkin: 1s", "cluster_checkin: 15s"));
    return env;
  }

  @Test
  void the_restarted_node_settles_its_earlier_lifes_sends_at_once_while_the_other_lives()
      throws Exception {
    DatabaseSettings database = TestDatabases.postgresSettings();
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("cluster-stretch", FakeSlackApi.Held.ACCEPTED);
      slack.holdPost("Cluster printer", FakeSlackApi.Held.ACCEPTED);
      Map<String, String> a = member("a", slack, database);
      ServeNode first = ServeNode.start(dir, a);
      ServeNode b;
      try (first) {
        String reminder =
            "{\"recipient\":\"U1\",\"due_at\":\""
                + Instant.now().plusSeconds(3)
                + "\",\"note\":\"cluster-stretch\",\"actor\":\"UBOSS\"}";
        assertThat(first.api("POST", "/reminders", reminder).code()).isEqualTo(201);
        String card = "{\"subject\":\"Cluster printer\",\"channel\":\"CSUP\",\"actor\":\"U1\"}";
        assertThat(first.api("POST", "/cases", card).code()).isEqualTo(201);
        assertThat(slack.awaitHeldPosts(2, 60)).as("both posts reached Slack from a").isTrue();
        // At once: Slack's client gives up on a call after 15 s, and a would then try again.
        first.kill();
      }
      // b joins now (Quartz could have given it the reminder before), and is alive from here on.
      b = ServeNode.start(dir, member("b", slack, database));
      try (b) {
        slack.release();
        // On b, while a is down: there is no card address yet to update.
        assertThat(b.api("POST", "/cases/1/claim", "{\"actor\":\"U2\"}").code()).isEqualTo(200);
        long restarted = System.currentTimeMillis();
        try (ServeNode again = ServeNode.start(dir, a)) {
          try {
            settledOnRestart(slack, b, again, restarted);
          } catch (AssertionError e) {
            throw new AssertionError(
                e.getMessage() + "\nnode b said:\n" + InterruptedSendIT.tail(b), e);
          }
        }
      }
    }
  }

  private static void settledOnRestart(
      FakeSlackApi slack, ServeNode b, ServeNode again, long restarted) throws Exception {
    awaitMillis(
        "the reminder recorded as delivered", restarted + 60_000, () -> delivered(b), again);
    long reminderSettled =
        Instant.parse(InterruptedSendIT.reminder(b, 1).path("delivered_at").asText()).toEpochMilli()
            - restarted;
    report("cluster: reminder Slack had", reminderSettled, again);
    FakeSlackApi.Posted posted = postsWith(slack, "Cluster printer").get(0);
    long updated =
        awaitMillis(
            "the card's update after the claim",
            restarted + 60_000,
            () -> updatedTo(slack, posted, "U2"),
            again);
    report("cluster: case card claimed on the other node", updated - restarted, again);
    assertThat(reminderSettled).isLessThan(SETTLED_WITHIN_MS);
    assertThat(updated - restarted).isLessThan(SETTLED_WITHIN_MS);
    assertThat(again.output())
        .as("settled by the restarted node at its start-up")
        .contains("cut off when the previous process stopped");
    Thread.sleep(3000);
    assertThat(postsWith(slack, "cluster-stretch")).hasSize(1);
    assertThat(postsWith(slack, "Cluster printer")).as("one card").hasSize(1);
    assertThat(slack.updates()).allMatch(u -> u.ts().equals(posted.ts()));
    assertThat(b.output())
        .as("b never took a's claims while a was alive")
        .doesNotContain("was being sent when its sender stopped");
  }

  private static boolean delivered(ServeNode node) {
    try {
      return InterruptedSendIT.reminder(node, 1).path("status").asText().equals("delivered");
    } catch (Exception e) {
      return false;
    }
  }
}
