package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A storm against a Slack that enforces about one message per second per channel (HTTP 429 with
 * Retry-After otherwise): how close delivery gets to the permitted rate, with nothing lost and
 * nothing duplicated.
 */
final class LimitedStorm {

  /** The storm's numbers and the share of the permitted rate it achieved. */
  record Result(Storm.Result storm, long refused, double share) {}

  private LimitedStorm() {}

  static Result run(FakeSlackApi slack, Path dir, int recipients, int perRecipient, int threads)
      throws Exception {
    slack.clear();
    try (BenchBot bot = new BenchBot(BenchBot.env(dir, slack, Optional.empty(), threads))) {
      BenchBot.greet(bot.core(), slack, recipients);
      slack.limitPerChannel(950);
      int count = recipients * perRecipient;
      Instant due = BenchBot.createCrowd(bot.core(), count, recipients, "limited-");
      Storm.Result r =
          Storm.collect(slack, "⏰ Reminder: limited-", count, i -> due, Duration.ofMinutes(5));
      // In a window of w seconds each channel may take floor(w) + 1 messages.
      double window = Math.max(r.totalMillis(), 1) / 1000.0;
      double permitted = recipients * (Math.floor(window) + 1);
      double share = Math.min(1.0, r.delivered() / permitted);
      return new Result(r, slack.refused(), share);
    } finally {
      slack.limitPerChannel(0);
    }
  }

  static void limited(Report report, FakeSlackApi slack, Path work, boolean full, int threads)
      throws Exception {
    int recipients = full ? 200 : 10;
    int each = full ? 10 : 3;
    LimitedStorm.Result r =
        LimitedStorm.run(slack, work.resolve("limited"), recipients, each, threads);
    report.add(
        new Report.Row(
            "3. Storm under Slack's limit (≈1/s per channel, 429 otherwise), "
                + recipients * each
                + " reminders to "
                + recipients
                + " people",
            String.format(Locale.ROOT, "%.1f%% of the permitted rate", 100 * r.share())
                + "; "
                + r.storm().delivered()
                + " delivered, "
                + r.storm().duplicates()
                + " duplicates, "
                + r.refused()
                + " refused by the fake",
            "the permitted rate: " + recipients + "/s",
            String.format(Locale.ROOT, "%.2f×", r.share()),
            "≥ 95%, none lost or duplicated",
            Report.verdict(
                r.share() >= 0.95
                    && r.storm().delivered() == recipients * each
                    && r.storm().duplicates() == 0)));
  }
}
