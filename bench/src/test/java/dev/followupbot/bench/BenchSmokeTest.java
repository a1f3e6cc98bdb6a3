package dev.followupbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness at its tiny size, so it never rots: every figure runs and lands in the table. It
 * checks that the benchmarks run, not how fast (the machine running CI is not a benchmark machine).
 */
class BenchSmokeTest {

  @Test
  void every_figure_runs_at_tiny_size_and_is_reported(@TempDir Path dir) throws Exception {
    Report report = BenchMain.run(BenchMain.Size.TINY, 4);
    Path out = dir.resolve("latest.md");
    report.write(out);
    String md = java.nio.file.Files.readString(out);
    System.out.println(md);
    assertThat(md)
        .contains("| Figure | followup-bot | Baseline | Ratio | Target | Met? |")
        .contains("1. Slash-command ack")
        .contains("2. Storm on H2")
        .contains("3. Storm under Slack's limit")
        .contains("4. Punctuality")
        .contains("5. Process start to /healthz")
        .contains("5. Heap after full GC")
        .contains("7. Dashboard queue page")
        .contains("8. Conversations");
    assertThat(report.rows()).allSatisfy(r -> assertThat(r.ours()).doesNotContain("n/a"));
    // Correctness holds even at tiny size: everything arrives exactly once.
    assertThat(md).contains("40/40, 0").contains("30 delivered, 0 duplicates");
  }
}
