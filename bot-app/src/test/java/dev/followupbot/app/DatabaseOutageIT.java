package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 4: the node's PostgreSQL connections are all dropped, and new ones refused, for 10 s
 * in the middle of delivering 300 reminders (a TCP proxy between the node and the database is cut).
 * Meanwhile /healthz keeps answering, within a few seconds, that the node is degraded; once the
 * database is back every reminder arrives exactly once, by Slack's own log. Skipped when PostgreSQL
 * is unreachable.
 */
class DatabaseOutageIT {

  private static final int COUNT = 300;
  private static final String NOTE = "outage-";

  @TempDir Path dir;

  @Test
  void delivery_resumes_after_the_database_returns_and_health_says_degraded_meanwhile()
      throws Exception {
    DatabaseSettings database = TestDatabases.postgresSettings();
    String url = database.url();
    try (FakeSlackApi slack = new FakeSlackApi();
        CuttableProxy proxy = new CuttableProxy(TestDatabases.PG_HOST, port(url))) {
      Map<String, String> env = new HashMap<>(ServeNode.env(dir.resolve("node"), slack));
      env.put("FOLLOWUP_DB_URL", url.replaceFirst(":\\d+/", ":" + proxy.port() + "/"));
      env.put("FOLLOWUP_DB_USER", database.user());
      try (ServeNode node = ServeNode.start(dir, env)) {
        assertThat(node.health(Duration.ofSeconds(5))).isEqualTo(200);
        Instant first = Instant.now().plusSeconds(8);
        node.createReminders(COUNT, 60, i -> first.plusMillis(i * 60L), i -> NOTE + i);
        while (slack.count() < 60) {
          Thread.sleep(50);
        }
        proxy.cut();
        List<Integer> answers = new ArrayList<>();
        long slowest = 0;
        long outageEnds = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < outageEnds) {
          long asked = System.nanoTime();
          answers.add(node.health(Duration.ofSeconds(5)));
          slowest = Math.max(slowest, (System.nanoTime() - asked) / 1_000_000);
          Thread.sleep(500);
        }
        proxy.restore();
        assertThat(answers).as("/healthz answered every time").doesNotContain(-1).contains(503);
        assertThat(slowest).as("slowest /healthz answer, ms").isLessThan(4000);

        long deadline = System.currentTimeMillis() + 90_000;
        while (!slack.allArrived(NOTE, COUNT) && System.currentTimeMillis() < deadline) {
          Thread.sleep(200);
        }
        Thread.sleep(3000);
        assertThat(slack.notExactlyOnce(NOTE, COUNT))
            .as(ClusterFailoverIT.tail(node.output()))
            .isEmpty();
        assertThat(node.health(Duration.ofSeconds(5))).isEqualTo(200);
      }
    }
  }

  private static int port(String jdbcUrl) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)/").matcher(jdbcUrl);
    if (!m.find()) {
      throw new IllegalStateException("no port in " + jdbcUrl);
    }
    return Integer.parseInt(m.group(1));
  }
}
