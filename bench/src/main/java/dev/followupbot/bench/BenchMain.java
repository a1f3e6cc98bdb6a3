package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every benchmark against its baseline in one go and prints a Markdown table, also written to
 * {@code bench/results/latest.md}. {@code --size tiny} is the smoke run CI uses.
 */
@Command(
    name = "followup-bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks followup-bot against baselines in the same run.")
public final class BenchMain implements Callable<Integer> {

  /** How big each figure is. */
  public enum Size {
    TINY,
    FULL
  }

  @Option(names = "--size", description = "tiny (smoke, seconds) or full (about 10 minutes)")
  Size size = Size.FULL;

  @Option(
      names = "--out",
      description = "where the Markdown goes (default bench/results/latest.md)")
  Path out = Path.of("bench/results/latest.md");

  @Option(names = "--threads", description = "Quartz worker threads in the bot (default 8)")
  int threads = 8;

  @Option(
      names = "--only",
      split = ",",
      description =
          "run only these figures: ack, steady-ack, storms, limited, punctuality, footprint,"
              + " scale-out, dashboard, conversations")
  java.util.Set<String> only = java.util.Set.of();

  public static void main(String[] args) {
    System.setProperty("followup.log.level", "WARN");
    System.exit(
        new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Report report = run(size, threads, only);
    report.write(out);
    System.out.println(report.markdown());
    System.out.println("Written to " + out);
    return 0;
  }

  /** Runs every figure at the given size; returns the report (not yet written). */
  static Report run(Size size, int threads) throws Exception {
    return run(size, threads, java.util.Set.of());
  }

  static Report run(Size size, int threads, java.util.Set<String> only) throws Exception {
    boolean full = size == Size.FULL;
    selected = only;
    Report report = new Report(header(size));
    Path work = Files.createTempDirectory("followup-bench");
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.knowEveryone();
      slack.keepOnlyPosts();
      long started = System.nanoTime();
      java.util.List<String> took = new java.util.ArrayList<>();
      timed(took, "ack", () -> ackLatency(report, slack, work, full, threads));
      timed(took, "steady-ack", () -> steadyAck(report, slack, work, full, threads));
      timed(took, "storms", () -> storms(report, slack, work, full, threads));
      timed(took, "limited", () -> limited(report, slack, work, full, threads));
      timed(took, "punctuality", () -> punctuality(report, slack, work, full, threads));
      timed(took, "footprint", () -> footprint(report, slack, work, full));
      timed(took, "scale-out", () -> scaleOut(report, slack, work, full));
      timed(took, "dashboard", () -> dashboard(report, slack, work, full));
      timed(
          took,
          "conversations",
          () -> ConversationStorm.figure(report, slack, work.resolve("talk"), full, threads));
      report.note(
          String.format(
              Locale.ROOT,
              "Time per figure: %s; %.0f s in all.",
              String.join(", ", took),
              (System.nanoTime() - started) / 1e9));
    } finally {
      delete(work);
      Databases.dropCreated();
    }
    return report;
  }

  private static void ackLatency(
      Report report, FakeSlackApi slack, Path work, boolean full, int threads) throws Exception {
    int connections = full ? 50 : 5;
    Duration d = full ? Duration.ofSeconds(60) : Duration.ofSeconds(2);
    AckLatency.Load load = AckLatency.Load.closed(connections);
    AckLatency.Result base = AckLatency.baseline(slack, load, d);
    AckLatency.Result ours = AckLatency.ours(slack, work.resolve("ack"), threads, load, d);
    double ratio = ours.latency().p99() / base.latency().p99();
    report.add(
        new Report.Row(
            "1. Slash-command ack, "
                + connections
                + " connections, "
                + d.toSeconds()
                + " s: p50 / p99 / max",
            Stats.ms(ours.latency().p50())
                + " / "
                + Stats.ms(ours.latency().p99())
                + " / "
                + Stats.ms(ours.latency().max()),
            Stats.ms(base.latency().p50())
                + " / "
                + Stats.ms(base.latency().p99())
                + " / "
                + Stats.ms(base.latency().max()),
            "p99 " + Stats.ratio(ours.latency().p99(), base.latency().p99()),
            "p99 < 1.25× baseline, ≪ 3 s",
            verdict(ratio < 1.25 && ours.latency().p99() < 3000)));
    report.add(
        new Report.Row(
            "1. Slash-command ack: requests per second (errors)",
            Stats.rate(ours.perSecond()) + " (" + ours.errors() + ")",
            Stats.rate(base.perSecond()) + " (" + base.errors() + ")",
            Stats.ratio(ours.perSecond(), base.perSecond()),
            "",
            ""));
  }

  /** The same mix at a steady rate well above a busy support team's, measured open loop. */
  private static void steadyAck(
      Report report, FakeSlackApi slack, Path work, boolean full, int threads) throws Exception {
    int rate = full ? 100 : 20;
    Duration d = full ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    AckLatency.Load load = AckLatency.Load.open(rate);
    AckLatency.Result base = AckLatency.baseline(slack, load, d);
    AckLatency.Result ours = AckLatency.ours(slack, work.resolve("ack-steady"), threads, load, d);
    report.add(
        new Report.Row(
            "1b. Slash-command ack at a steady "
                + rate
                + " commands/s for "
                + d.toSeconds()
                + " s (open loop): p50 / p99 / max (errors)",
            Stats.ms(ours.latency().p50())
                + " / "
                + Stats.ms(ours.latency().p99())
                + " / "
                + Stats.ms(ours.latency().max())
                + " ("
                + ours.errors()
                + ")",
            Stats.ms(base.latency().p50())
                + " / "
                + Stats.ms(base.latency().p99())
                + " / "
                + Stats.ms(base.latency().max())
                + " ("
                + base.errors()
                + ")",
            "p99 " + Stats.ratio(ours.latency().p99(), base.latency().p99()),
            "≪ 3 s",
            verdict(ours.latency().p99() < 1000 && ours.errors() == 0)));
  }

  private static void storms(
      Report report, FakeSlackApi slack, Path work, boolean full, int threads) throws Exception {
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

  private static void stormRows(
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
            verdict(ours.perSecond() >= 0.5 * quartz.perSecond())));
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
            verdict(ours.delivered() == count && ours.duplicates() == 0)));
  }

  private static void limited(
      Report report, FakeSlackApi slack, Path work, boolean full, int threads) throws Exception {
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
            verdict(
                r.share() >= 0.95
                    && r.storm().delivered() == recipients * each
                    && r.storm().duplicates() == 0)));
  }

  private static void punctuality(
      Report report, FakeSlackApi slack, Path work, boolean full, int threads) throws Exception {
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
            verdict(r.lateness().p99() < 1000 && r.delivered() == count)));
  }

  private static void footprint(Report report, FakeSlackApi slack, Path work, boolean full)
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
            verdict(f.startMillis() < 2000)));
    report.add(
        new Report.Row(
            "5. The same, with a class-data archive (docs/operations.md: Faster start-up)",
            Stats.ms(f.cdsStartMillis()),
            Stats.ms(f.baselineStartMillis()) + " (Jetty alone, no archive)",
            Stats.ratio(f.cdsStartMillis(), f.baselineStartMillis()),
            "< 2 s",
            verdict(f.cdsStartMillis() < 2000)));
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
            verdict(f.heapMiB() < 128)));
  }

  private static void scaleOut(Report report, FakeSlackApi slack, Path work, boolean full)
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
            verdict(
                pair.perSecond() > single.perSecond()
                    && pair.delivered() == count
                    && pair.duplicates() == 0)));
    if (!pinned) {
      report.note(
          "Scale-out ran with both nodes sharing every CPU (taskset was not available, or the"
              + " machine has one CPU): a second node on the same cores adds no capacity.");
    }
  }

  /** The queue page a lead keeps open, with many open cases, against /healthz on that server. */
  private static void dashboard(Report report, FakeSlackApi slack, Path work, boolean full)
      throws Exception {
    int open = full ? 5000 : 50;
    int clients = 4;
    Duration d = full ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    DashboardQueue.Result r =
        DashboardQueue.run(slack, work.resolve("dashboard"), open, clients, d);
    report.add(
        new Report.Row(
            "7. Dashboard queue page, "
                + open
                + " open cases, "
                + clients
                + " clients: p50 / p99 (non-200 answers)",
            Stats.ms(r.page().p50()) + " / " + Stats.ms(r.page().p99()) + " (" + r.errors() + ")",
            "/healthz " + Stats.ms(r.health().p50()) + " / " + Stats.ms(r.health().p99()),
            "p99 " + Stats.ratio(r.page().p99(), r.health().p99()),
            "p99 < 1 s, no errors",
            verdict(r.page().p99() < 1000 && r.errors() == 0)));
    report.add(
        new Report.Row(
            "7. Dashboard queue table refresh (htmx, every 2 s per open page): p50 / p99",
            Stats.ms(r.rows().p50()) + " / " + Stats.ms(r.rows().p99()),
            "/healthz " + Stats.ms(r.health().p50()) + " / " + Stats.ms(r.health().p99()),
            "p99 " + Stats.ratio(r.rows().p99(), r.health().p99()),
            "p99 < 1 s",
            verdict(r.rows().p99() < 1000)));
  }

  /** One figure's work. */
  private interface Figure {
    void run() throws Exception;
  }

  private static java.util.Set<String> selected = java.util.Set.of();

  private static void timed(java.util.List<String> took, String name, Figure figure)
      throws Exception {
    if (!selected.isEmpty() && !selected.contains(name)) {
      return;
    }
    long start = System.nanoTime();
    figure.run();
    took.add(String.format(Locale.ROOT, "%s %.0f s", name, (System.nanoTime() - start) / 1e9));
  }

  private static String verdict(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String header(Size size) {
    Runtime rt = Runtime.getRuntime();
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.replaceFirst(".*:\\s*", ""))
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "## followup-bot benchmarks ("
        + size.name().toLowerCase(Locale.ROOT)
        + ")\n\n"
        + Instant.now().toString().substring(0, 16).replace('T', ' ')
        + " UTC · "
        + rt.availableProcessors()
        + " CPUs ("
        + cpu
        + ") · "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.version")
        + " · "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary files; the OS cleans up
    }
  }
}
