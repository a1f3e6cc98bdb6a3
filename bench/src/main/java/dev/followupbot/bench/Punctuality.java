package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reminders spread evenly over a span: how late each one arrives at the fake Slack. */
final class Punctuality {

  private Punctuality() {}

  static Storm.Result run(FakeSlackApi slack, Path dir, int count, Duration span, int threads)
      throws Exception {
    slack.clear();
    try (BenchBot bot = new BenchBot(BenchBot.env(dir, slack, Optional.empty(), threads))) {
      Instant start = Instant.now().plusMillis(2000 + count * 3L);
      long step = span.toMillis() / Math.max(1, count);
      java.util.function.IntFunction<Instant> due = i -> start.plusMillis(i * step);
      BenchBot.createReminders(bot.core(), count, Math.min(count, 200), due, i -> "punctual-" + i);
      return Storm.collect(slack, "⏰ Reminder: punctual-", count, due, Duration.ofMinutes(2));
    }
  }
}
