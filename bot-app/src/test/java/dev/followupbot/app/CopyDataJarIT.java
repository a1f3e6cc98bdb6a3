package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy-data} on the packaged jar, next to a bot that still has the H2 file open. */
class CopyDataJarIT {

  @TempDir Path workDir;

  @Test
  void an_h2_file_another_process_has_open_is_refused_with_exit_code_3_and_says_to_stop_it()
      throws Exception {
    Map<String, String> env = Map.of("FOLLOWUP_DATA_DIR", workDir.resolve("data").toString());
    try (LauncherProcess console =
        LauncherProcess.start(workDir, env, "console", "--user", "ann", "--tz", "UTC")) {
      console.type("new Refund for Acme");
      await().atMost(Duration.ofSeconds(30)).until(() -> console.output().contains("[#1 · "));

      try (LauncherProcess copy =
          LauncherProcess.start(
              workDir, env, "copy-data", "--to", "jdbc:postgresql://127.0.0.1:5432/test")) {
        assertThat(copy.waitFor(Duration.ofSeconds(60))).isEqualTo(3);
        assertThat(copy.output())
            .contains("is in use by another followup-bot process. Stop that one first")
            .doesNotContain("Exception");
      }
      assertThat(console.isAlive()).isTrue();
    }
  }
}
