package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server as its own JVM: time from process start to a healthy {@code /healthz}, and memory
 * (heap after a full GC, resident set) with many reminders pending; the baseline is a JVM with the
 * same Jetty and nothing else.
 */
final class Footprint {

  /** Medians of the start-up runs, and memory with {@code pending} reminders waiting. */
  record Result(
      double startMillis,
      double cdsStartMillis,
      double baselineStartMillis,
      double heapMiB,
      double baselineHeapMiB,
      double rssMiB,
      double baselineRssMiB,
      int pending) {}

  private Footprint() {}

  static Result run(FakeSlackApi slack, Path dir, int pending, int startRuns) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    for (int run = 0; run < startRuns; run++) {
      Map<String, String> env =
          BenchBot.env(dir.resolve("start-" + run), slack, Optional.empty(), 4);
      try (Node node = Node.start("dev.followupbot.app.Main", env, "serve")) {
        ours.add(node.awaitHealthy(Duration.ofSeconds(60)));
      }
      try (Node node = Node.start(BaselineServer.class.getName(), Map.of())) {
        bare.add(node.awaitHealthy(Duration.ofSeconds(60)));
      }
    }
    // The same start with a class-data archive, as docs/operations.md's "Faster start-up"
    // describes: one
    // training run writes it, later starts map it instead of loading and verifying each class.
    Path archive = dir.resolve("followup.jsa");
    try (Node node =
        Node.start(
            List.of("-XX:ArchiveClassesAtExit=" + archive),
            "dev.followupbot.app.Main",
            BenchBot.env(dir.resolve("training"), slack, Optional.empty(), 4),
            "serve")) {
      node.awaitHealthy(Duration.ofSeconds(60));
    }
    List<Double> cds = new ArrayList<>();
    for (int run = 0; run < startRuns; run++) {
      Map<String, String> env =
          BenchBot.env(dir.resolve("cds-start-" + run), slack, Optional.empty(), 4);
      try (Node node =
          Node.start(
              List.of("-XX:SharedArchiveFile=" + archive),
              "dev.followupbot.app.Main",
              env,
              "serve")) {
        cds.add(node.awaitHealthy(Duration.ofSeconds(60)));
      }
    }
    Path populated = dir.resolve("pending");
    Map<String, String> env = BenchBot.env(populated, slack, Optional.empty(), 4);
    try (BenchBot bot = new BenchBot(env)) {
      Instant later = Instant.now().plus(Duration.ofDays(30));
      BenchBot.createReminders(
          bot.core(), pending, 500, i -> later.plusSeconds(i), i -> "pending-" + i);
    }
    double heap;
    double rss;
    try (Node node = Node.start("dev.followupbot.app.Main", env, "serve")) {
      node.awaitHealthy(Duration.ofSeconds(120));
      Thread.sleep(2000); // let start-up work (the first sweep) settle
      heap = node.heapAfterFullGcMiB();
      rss = node.rssMiB();
    }
    double baseHeap;
    double baseRss;
    try (Node node = Node.start(BaselineServer.class.getName(), Map.of())) {
      node.awaitHealthy(Duration.ofSeconds(60));
      Thread.sleep(2000);
      baseHeap = node.heapAfterFullGcMiB();
      baseRss = node.rssMiB();
    }
    return new Result(
        Stats.of(ours).p50(),
        Stats.of(cds).p50(),
        Stats.of(bare).p50(),
        heap,
        baseHeap,
        rss,
        baseRss,
        pending);
  }

  static void footprint(Report report, FakeSlackApi slack, Path work, boolean full)
      throws Exception {
    int pending = full ? 100_000 : 500;
    Footprint.Result f = Footprint.run(slack, work.resolve("footprint"), pending, full ? 3 : 1);
    report.add(
        new Report.Row(
            "5. Process start to /healthz 200 (median)",
            Stats.ms(f.startMillis()),
            Stats.ms(f.baselineStartMillis()) + " (Jetty alone)",
            Stats.ratio(f.startMillis(), f.baselineStartMillis()),
            "< 2 s",
            Report.verdict(f.startMillis() < 2000)));
    report.add(
        new Report.Row(
            "5. The same, with a class-data archive (docs/operations.md: Faster start-up)",
            Stats.ms(f.cdsStartMillis()),
            Stats.ms(f.baselineStartMillis()) + " (Jetty alone, no archive)",
            Stats.ratio(f.cdsStartMillis(), f.baselineStartMillis()),
            "< 2 s",
            Report.verdict(f.cdsStartMillis() < 2000)));
    report.add(
        new Report.Row(
            "5. Heap after full GC / RSS, " + pending + " reminders pending",
            String.format(Locale.ROOT, "%.0f MiB / %.0f MiB", f.heapMiB(), f.rssMiB()),
            String.format(
                Locale.ROOT,
                "%.0f MiB / %.0f MiB (Jetty alone)",
                f.baselineHeapMiB(),
                f.baselineRssMiB()),
            "heap " + Stats.ratio(f.heapMiB(), f.baselineHeapMiB()),
            "heap < 128 MiB",
            Report.verdict(f.heapMiB() < 128)));
  }
}
