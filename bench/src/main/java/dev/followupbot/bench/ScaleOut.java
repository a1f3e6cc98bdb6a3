package dev.followupbot.bench;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storm delivered by a Quartz cluster of server processes on one PostgreSQL: the reminders are
 * created through the core by this process (a standby member that fires nothing), and the nodes
 * deliver them to the fake Slack. Pinned, node n runs on CPU n mod 2 only, as if each node had a
 * one-core machine of its own; PostgreSQL, the fake Slack and this process run anywhere.
 */
final class ScaleOut {

  private ScaleOut() {}

  static Storm.Result run(
      FakeSlackApi slack,
      Path dir,
      String dbUrl,
      int nodes,
      boolean pinned,
      int count,
      int recipients)
      throws Exception {
    slack.clear();
    List<Node> running = new ArrayList<>();
    try {
      for (int n = 0; n < nodes; n++) {
        Map<String, String> env =
            new java.util.HashMap<>(
                BenchBot.env(dir.resolve("node-" + n), slack, Optional.of(dbUrl), 4));
        env.put("FOLLOWUP_CLUSTER", "true");
        env.put("FOLLOWUP_DB_USER", "postgres");
        env.put("FOLLOWUP_NODE_ID", "bench-node-" + n);
        Node node =
            pinned
                ? Node.startOnCpu(n % 2, "dev.followupbot.app.Main", env, "serve")
                : Node.start("dev.followupbot.app.Main", env, "serve");
        running.add(node);
        node.awaitHealthy(Duration.ofSeconds(90));
      }
      try (Database db = Database.open(Databases.postgres(dbUrl))) {
        QuartzReminderScheduler standby =
            QuartzReminderScheduler.create(
                db.dataSource(),
                new QuartzSettings(4, true, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        FollowupCore creator =
            FollowupCore.builder(JdbiStorage.on(db, Clock.systemUTC()), standby)
                .messengers(List.of())
                .config(ConfigLoader.parse("bench", BenchBot.quietConfig(4)))
                .node("bench-creator")
                .clock(Clock.systemUTC())
                .build();
        // A smaller storm first, so every node has compiled its hot paths, as a running cluster
        // has.
        int warmUp = Math.max(1, count / 10);
        Instant warmDue = BenchBot.createCrowd(creator, warmUp, recipients, "warm-");
        Storm.collect(slack, "⏰ Reminder: warm-", warmUp, i -> warmDue, Duration.ofMinutes(2));
        slack.clear();
        Instant due = BenchBot.createCrowd(creator, count, recipients, "cluster-");
        Databases.analyze(Optional.of(dbUrl));
        Storm.Result r =
            Storm.collect(slack, "⏰ Reminder: cluster-", count, i -> due, Duration.ofMinutes(5));
        standby.close();
        return r;
      }
    } finally {
      for (Node node : running) {
        node.close();
      }
    }
  }

  static void scaleOut(Report report, FakeSlackApi slack, Path work, boolean full)
      throws Exception {
    Optional<String> one = Databases.postgresUrl();
    Optional<String> two = Databases.postgresUrl();
    if (one.isEmpty() || two.isEmpty()) {
      return;
    }
    // One reminder per person, so the per-conversation pacing does not hide the engine.
    int count = full ? 3000 : 40;
    int recipients = count;
    // On one machine a single node already uses every core it can; pinned, each node has a core
    // of its own, which is what a second node brings.
    boolean pinned = Node.canPin();
    Storm.Result single =
        ScaleOut.run(slack, work.resolve("scale-1"), one.get(), 1, pinned, count, recipients);
    Storm.Result pair =
        ScaleOut.run(slack, work.resolve("scale-2"), two.get(), 2, pinned, count, recipients);
    report.add(
        new Report.Row(
            "6. Scale-out on PostgreSQL, "
                + count
                + " reminders: 2 clustered nodes vs 1"
                + (pinned ? ", one CPU per node" : ", sharing every CPU"),
            Stats.rate(pair.perSecond())
                + " ("
                + pair.delivered()
                + " delivered, "
                + pair.duplicates()
                + " duplicates)",
            Stats.rate(single.perSecond())
                + " ("
                + single.delivered()
                + " delivered, "
                + single.duplicates()
                + " duplicates)",
            Stats.ratio(pair.perSecond(), single.perSecond()),
            "more than 1×, none lost or duplicated",
            Report.verdict(
                pair.perSecond() > single.perSecond()
                    && pair.delivered() == count
                    && pair.duplicates() == 0)));
    if (!pinned) {
      report.note(
          "Scale-out ran with both nodes sharing every CPU (taskset was not available, or the"
              + " machine has one CPU): a second node on the same cores adds no capacity.");
    }
  }
}
