package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reminder storm: {@code count} reminders for {@code recipients} people, all due at one instant,
 * delivered by the real server to the fake Slack. Lateness is the fake's arrival time minus the due
 * time; loss and duplicates are counted from what the fake received.
 */
final class Storm {

  /** What a storm (or the Quartz baseline) measured. */
  record Result(int expected, int delivered, int duplicates, Stats lateness, double totalMillis) {
    static Result of(
        int expected, List<Long> lateness, int duplicates, long lastArrival, int delivered) {
      Stats s = Stats.of(lateness);
      return new Result(expected, delivered, duplicates, s, s.max());
    }

    double perSecond() {
      return totalMillis <= 0 ? Double.NaN : delivered / (totalMillis / 1000.0);
    }
  }

  private Storm() {}

  static Result run(
      FakeSlackApi slack, Path dir, Optional<String> dbUrl, int count, int recipients, int threads)
      throws Exception {
    slack.clear();
    try (BenchBot bot = new BenchBot(BenchBot.env(dir, slack, dbUrl, threads))) {
      BenchBot.greet(bot.core(), slack, recipients);
      Instant due = BenchBot.createCrowd(bot.core(), count, recipients, "storm-");
      Databases.analyze(dbUrl);
      return collect(slack, "⏰ Reminder: storm-", count, i -> due, Duration.ofMinutes(5));
    }
  }

  /** Waits until {@code count} distinct posts with the prefix arrived (or the patience ran out). */
  static Result collect(
      FakeSlackApi slack,
      String prefix,
      int count,
      java.util.function.IntFunction<Instant> dueOf,
      Duration patience)
      throws InterruptedException {
    long latestDue = 0;
    for (int i = 0; i < count; i++) {
      latestDue = Math.max(latestDue, dueOf.apply(i).toEpochMilli());
    }
    long deadline =
        System.currentTimeMillis()
            + patience.toMillis()
            + Math.max(0, latestDue - System.currentTimeMillis());
    Map<String, Integer> seen = new HashMap<>();
    List<Long> lateness = new ArrayList<>();
    long last = 0;
    int duplicates = 0;
    int processed = 0;
    while (System.currentTimeMillis() < deadline) {
      List<FakeSlackApi.Posted> posts = slack.posts();
      for (int i = processed; i < posts.size(); i++) {
        FakeSlackApi.Posted p = posts.get(i);
        if (!p.text().startsWith(prefix)) {
          continue;
        }
        String id = p.text().substring(prefix.length()).split("[ (]")[0];
        int times = seen.merge(id, 1, Integer::sum);
        if (times > 1) {
          duplicates++;
          continue;
        }
        try {
          lateness.add(p.arrivedMillis() - dueOf.apply(Integer.parseInt(id)).toEpochMilli());
        } catch (NumberFormatException e) {
          continue;
        }
        last = Math.max(last, p.arrivedMillis());
      }
      processed = posts.size();
      if (seen.size() >= count) {
        // A moment more, so a late duplicate would be seen.
        Thread.sleep(500);
        for (FakeSlackApi.Posted p : slack.posts().subList(processed, slack.posts().size())) {
          if (p.text().startsWith(prefix)) {
            duplicates++;
          }
        }
        break;
      }
      Thread.sleep(50);
    }
    return Result.of(count, lateness, duplicates, last, seen.size());
  }

  static void storms(Report report, FakeSlackApi slack, Path work, boolean full, int threads)
      throws Exception {
    int count = full ? 10_000 : 40;
    int recipients = full ? 500 : 20;
    Storm.Result ours =
        Storm.run(slack, work.resolve("storm-h2"), Optional.empty(), count, recipients, threads);
    Storm.Result quartz =
        QuartzBaseline.run(Databases.h2(work.resolve("quartz-h2")), count, threads);
    stormRows(report, "2. Storm on H2", count, recipients, ours, quartz);
    Optional<String> pg = Databases.postgresUrl();
    if (pg.isEmpty()) {
      report.note(
          "PostgreSQL was not reachable on 127.0.0.1:5432: the PostgreSQL storm and the scale-out figure were skipped.");
      return;
    }
    Storm.Result oursPg =
        Storm.run(slack, work.resolve("storm-pg"), pg, count, recipients, threads);
    Storm.Result quartzPg =
        QuartzBaseline.run(
            Databases.postgres(Databases.postgresUrl().orElseThrow()), count, threads);
    stormRows(report, "2. Storm on PostgreSQL", count, recipients, oursPg, quartzPg);
  }

  static void stormRows(
      Report report,
      String name,
      int count,
      int recipients,
      Storm.Result ours,
      Storm.Result quartz) {
    report.add(
        new Report.Row(
            name
                + ", "
                + count
                + " reminders to "
                + recipients
                + " people: due → last delivery; rate",
            Stats.ms(ours.totalMillis()) + "; " + Stats.rate(ours.perSecond()),
            Stats.ms(quartz.totalMillis())
                + "; "
                + Stats.rate(quartz.perSecond())
                + " (raw Quartz, no-op jobs)",
            "rate " + Stats.ratio(ours.perSecond(), quartz.perSecond()),
            "rate ≥ 0.5× raw Quartz",
            Report.verdict(ours.perSecond() >= 0.5 * quartz.perSecond())));
    report.add(
        new Report.Row(
            name + ": lateness p50 / p99; delivered, duplicates",
            Stats.ms(ours.lateness().p50())
                + " / "
                + Stats.ms(ours.lateness().p99())
                + "; "
                + ours.delivered()
                + "/"
                + count
                + ", "
                + ours.duplicates(),
            Stats.ms(quartz.lateness().p50())
                + " / "
                + Stats.ms(quartz.lateness().p99())
                + "; "
                + quartz.delivered()
                + "/"
                + count,
            "",
            "all delivered once",
            Report.verdict(ours.delivered() == count && ours.duplicates() == 0)));
  }
}
