package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 3: Slack answers 30% of posts with 429 (Retry-After: 1) and 10% with 500. Every
 * reminder still arrives exactly once, and no post reaches a conversation before the Retry-After it
 * was given has run out (the fake Slack notes the time of each 429 and checks every later arrival).
 */
class FlakySlackIT {

  private static final int COUNT = 300;
  private static final String NOTE = "flaky-";

  @TempDir Path dir;

  @Test
  void rate_limits_and_server_errors_are_retried_each_reminder_once_never_early() throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi();
        ServeNode node = ServeNode.start(dir, ServeNode.env(dir.resolve("node"), slack))) {
      slack.misbehave(0.30, 0.10);
      Instant first = Instant.now().plusSeconds(5);
      // 30 people: ten reminders each, due over 15 s, so conversations are often rate limited.
      node.createReminders(COUNT, 30, i -> first.plusMillis(i * 50L), i -> NOTE + i);
      long deadline = System.currentTimeMillis() + 120_000;
      while (!slack.allArrived(NOTE, COUNT) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(2000);
      assertThat(slack.notExactlyOnce(NOTE, COUNT)).as(node.output()).isEmpty();
      assertThat(slack.violations()).isEmpty();
      assertThat(slack.rateLimited()).as("429s answered").isGreaterThan(50);
      assertThat(slack.failed()).as("500s answered").isGreaterThan(10);
    }
  }
}
