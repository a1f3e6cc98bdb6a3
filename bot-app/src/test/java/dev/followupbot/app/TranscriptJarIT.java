package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.followupbot.app.docs.DocPages;
import dev.followupbot.app.docs.DocPages.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every console conversation shown in the README and docs/ is what the packaged jar prints when the
 * same lines are typed into it. Times of day and counts of seconds or minutes are compared as
 * placeholders, since the run happens now. {@code -Ddocs.transcripts=write} writes what the jar
 * printed back into the pages.
 */
class TranscriptJarIT {

  @TempDir Path workDir;

  @TestFactory
  Stream<DynamicTest> every_transcript_in_the_docs_is_what_the_packaged_console_prints() {
    List<Transcript> transcripts = DocPages.transcripts();
    assertThat(transcripts).as("transcripts in README.md and docs/").isNotEmpty();
    return transcripts.stream()
        .map(
            t ->
                DynamicTest.dynamicTest(
                    DocPages.ROOT.relativize(t.page()) + ": " + t.command(), () -> check(t)));
  }

  private void check(Transcript transcript) throws Exception {
    Map<String, String> env = new HashMap<>();
    List<String> args = new ArrayList<>();
    for (String word : transcript.command().split("\\s+")) {
      if (args.isEmpty() && word.matches("[A-Z_]+=.*")) {
        String name = word.substring(0, word.indexOf('='));
        String value = word.substring(word.indexOf('=') + 1);
        env.put(
            name, name.equals("FOLLOWUP_CONFIG") ? DocPages.ROOT.resolve(value).toString() : value);
      } else {
        args.add(word);
      }
    }
    Path data = Files.createTempDirectory(workDir, "data");
    env.put("FOLLOWUP_DATA_DIR", data.toString());
    // What was typed shows after its person's name ("carol> "); `as ann` switches person.
    java.util.regex.Pattern typed = java.util.regex.Pattern.compile("^[a-z][a-z0-9._'-]{0,40}> ");
    List<String> lines = transcript.text().lines().toList();
    boolean write = "write".equals(System.getProperty("docs.transcripts"));
    try (LauncherProcess console =
        LauncherProcess.start(workDir, env, args.toArray(String[]::new))) {
      StringBuilder segment = new StringBuilder();
      for (String line : lines) {
        java.util.regex.Matcher prompt = typed.matcher(line);
        if (prompt.find()) {
          awaitPrinted(console, segment.toString());
          console.type(line.substring(prompt.end()));
          segment.setLength(0);
        }
        segment.append(line).append('\n');
      }
      awaitPrinted(console, segment.toString());
      console.endInput();
      assertThat(console.waitFor(Duration.ofSeconds(30))).isZero();
      if (write) {
        DocPages.rewrite(transcript, console.output());
      } else {
        assertThat(normal(console.output())).isEqualTo(normal(transcript.text()));
      }
    }
  }

  /**
   * Waits until the console has printed what the page shows from the line last typed up to the next
   * input. A page that no longer matches fails in the comparison that follows.
   */
  private static void awaitPrinted(LauncherProcess console, String segment) {
    String wanted = normal(segment);
    try {
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> normal(console.output()).contains(wanted));
    } catch (ConditionTimeoutException e) {
      // the comparison after the conversation shows what differs
    }
  }

  static String normal(String text) {
    // The transcript runs on today's date: "Thu 3 Dec" in the docs is whatever day it is now.
    return text.replace("\r", "")
        .replaceAll("\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2}\\b", "DAY")
        .replaceAll("\\b\\d{1,2}:\\d{2}\\b", "HH:MM")
        .replaceAll("\\b\\d+ (s|min)\\b", "N $1")
        .stripTrailing();
  }
}
