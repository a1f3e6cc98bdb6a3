package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 2: two clustered nodes on one PostgreSQL share a storm of 1,000 reminders; one is
 * killed with {@code kill -9} mid-stream, in the middle of a send Slack accepted but had not yet
 * answered. The survivor takes over the dead node's wake-ups and resolves its interrupted send:
 * every reminder arrives exactly once, by Slack's own log. Skipped when PostgreSQL is unreachable.
 */
class ClusterFailoverIT {

  private static final int COUNT = 1000;
  private static final String NOTE = "cluster-";

  @TempDir Path dir;

  /** The environment of cluster member {@code name} on {@code database}. */
  static Map<String, String> member(
      Path dir, String name, FakeSlackApi slack, DatabaseSettings database) throws Exception {
    Map<String, String> env = new HashMap<>(ServeNode.env(dir.resolve(name), slack));
    env.put("FOLLOWUP_DB_URL", database.url());
    env.put("FOLLOWUP_DB_USER", database.user());
    env.put("FOLLOWUP_CLUSTER", "true");
    env.put("FOLLOWUP_NODE_ID", name);
    return env;
  }

  @Test
  void the_survivor_delivers_every_reminder_exactly_once() throws Exception {
    DatabaseSettings database = TestDatabases.postgresSettings();
    try (FakeSlackApi slack = new FakeSlackApi();
        ServeNode a = ServeNode.start(dir, member(dir, "a", slack, database));
        ServeNode b = ServeNode.start(dir, member(dir, "b", slack, database))) {
      // Creating on a cluster takes Quartz's cluster-wide lock for each wake-up: leave it time.
      Instant first = Instant.now().plusSeconds(25);
      long creating = System.nanoTime();
      a.createReminders(COUNT, 200, i -> first.plusMillis(i * 30L), i -> NOTE + i);
      System.out.printf(
          "created %d reminders in %d ms%n", COUNT, (System.nanoTime() - creating) / 1_000_000);
      slack.holdAnswerTo(300);
      assertThat(slack.awaitHeld(90)).as("the storm reached message 300").isTrue();
      // Whichever node is stuck in that send, node a dies now.
      a.kill();
      slack.release();
      Instant killed = Instant.now();
      long deadline = killed.plusSeconds(90).toEpochMilli();
      while (!slack.allArrived(NOTE, COUNT) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(3000);
      assertThat(slack.notExactlyOnce(NOTE, COUNT))
          .as("node a:\n%s\nnode b:\n%s", tail(a.output()), tail(b.output()))
          .isEmpty();
      assertThat(b.health(java.time.Duration.ofSeconds(5))).isEqualTo(200);
    }
  }

  static String tail(String output) {
    return output.length() < 20_000 ? output : output.substring(output.length() - 20_000);
  }
}
