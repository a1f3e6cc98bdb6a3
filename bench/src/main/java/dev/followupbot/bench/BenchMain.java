package dev.followupbot.bench;

import dev.followupbot.core.testing.FakeSlackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
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
      timed(took, "ack", () -> AckFigures.ackLatency(report, slack, work, full, threads));
      timed(took, "steady-ack", () -> AckFigures.steadyAck(report, slack, work, full, threads));
      timed(took, "storms", () -> Storm.storms(report, slack, work, full, threads));
      timed(took, "limited", () -> LimitedStorm.limited(report, slack, work, full, threads));
      timed(took, "punctuality", () -> Punctuality.punctuality(report, slack, work, full, threads));
      timed(took, "footprint", () -> Footprint.footprint(report, slack, work, full));
      timed(took, "scale-out", () -> ScaleOut.scaleOut(report, slack, work, full));
      timed(took, "dashboard", () -> DashboardQueue.dashboard(report, slack, work, full));
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
