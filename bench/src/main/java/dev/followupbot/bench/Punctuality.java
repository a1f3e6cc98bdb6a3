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

  static void punctuality(Report report, FakeSlackApi slack, Path work, boolean full, int threads)
      throws Exception {
    int count = full ? 1000 : 20;
    Duration span = full ? Duration.ofSeconds(60) : Duration.ofSeconds(2);
    Storm.Result r = Punctuality.run(slack, work.resolve("punctual"), count, span, threads);
    report.add(
        new Report.Row(
            "4. Punctuality, "
                + count
                + " reminders over "
                + span.toSeconds()
                + " s: lateness p50 / p99 / max",
            Stats.ms(r.lateness().p50())
                + " / "
                + Stats.ms(r.lateness().p99())
                + " / "
                + Stats.ms(r.lateness().max()),
            "due time",
            "",
            "p99 < 1 s",
            Report.verdict(r.lateness().p99() < 1000 && r.delivered() == count)));
  }
}
