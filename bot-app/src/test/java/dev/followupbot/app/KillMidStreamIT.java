package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 1: a node on its H2 file is killed with {@code kill -9} in the middle of a storm of
 * 1,000 reminders due within 30 s, one of them accepted by Slack but not yet acknowledged. After a
 * restart every reminder has arrived exactly once, by Slack's own log, and none later than 30 s
 * after the restart.
 */
class KillMidStreamIT {

  private static final int COUNT = 1000;
  private static final String NOTE = "storm-";

  @TempDir Path dir;

  @Test
  void every_reminder_arrives_exactly_once_across_a_kill_9_and_a_restart() throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      Map<String, String> env = ServeNode.env(dir.resolve("node"), slack);
      Instant first;
      try (ServeNode node = ServeNode.start(dir, env)) {
        first = Instant.now().plusSeconds(15);
        Instant start = first;
        // 200 people, so Slack's pace of one message per second per conversation is not the limit.
        node.createReminders(COUNT, 200, i -> start.plusMillis(i * 30L), i -> NOTE + i);
        // The 300th message is delivered, but its sender dies before Slack's answer reaches it.
        slack.holdAnswerTo(300);
        assertThat(slack.awaitHeld(90)).as("the storm reached message 300").isTrue();
        node.kill();
      }
      slack.release();
      int beforeRestart = slack.count();
      assertThat(beforeRestart).isLessThan(COUNT);

      Instant restarted = Instant.now();
      System.out.printf("killed at %s with %d messages in%n", restarted, beforeRestart);
      try (ServeNode node = ServeNode.start(dir, env)) {
        System.out.printf(
            "restarted in %d ms%n", Instant.now().toEpochMilli() - restarted.toEpochMilli());
        long deadline = restarted.plusSeconds(60).toEpochMilli();
        while (!slack.allArrived(NOTE, COUNT) && System.currentTimeMillis() < deadline) {
          Thread.sleep(200);
        }
        System.out.printf(
            "all arrived %d ms after the restart%n",
            System.currentTimeMillis() - restarted.toEpochMilli());
        // A duplicate could still be on its way: give it time to show.
        Thread.sleep(3000);
        assertThat(slack.notExactlyOnce(NOTE, COUNT)).as(node.output()).isEmpty();
        Instant last = first.plusMillis((COUNT - 1) * 30L);
        long latest =
            slack.posts().stream().mapToLong(FakeSlackApi.Posted::arrivedMillis).max().orElse(0);
        Instant bound = (restarted.isAfter(last) ? restarted : last).plusSeconds(30);
        assertThat(Instant.ofEpochMilli(latest))
            .as("the last reminder arrived within 30 s of the restart (or of its due time)")
            .isBefore(bound);
        assertThat(node.output())
            .as("the interrupted send was found in Slack and not sent again")
            .contains("the platform has it, so it is not sent again");
      }
    }
  }
}
