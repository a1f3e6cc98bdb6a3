package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as a newcomer runs it: piped into the console, and killed with -9 in the middle
 * of its work. Real processes and real time, so these are bounded to a few seconds each.
 */
class ConsoleJarIT {

  @TempDir Path workDir;

  private Map<String, String> env() {
    return Map.of("FOLLOWUP_DATA_DIR", workDir.resolve("data").toString());
  }

  @Test
  void the_readme_pipe_prints_the_case_the_claim_and_the_reminder_then_exits_at_end_of_input()
      throws Exception {
    try (LauncherProcess console =
        LauncherProcess.start(
            workDir, env(), "console", "--user", "dana", "--tz", "Europe/Berlin")) {
      Instant sent = Instant.now();
      console.type("new \"Refund for Acme\" for Dana !high");
      console.type("claim 1");
      console.type("remind 1 in 5s call Dana back");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> console.output().contains("⏰ Reminder: call Dana back"));
      assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(15));
      String out = console.output();
      assertThat(out)
          .contains(
              "[#1 · Refund for Acme]",
              "Priority: high",
              "You own #1 · Refund for Acme now",
              "Case #1 · Refund for Acme");
      assertThat(out).doesNotContain("Exception").doesNotContain("ERROR");
      console.endInput();
      assertThat(console.waitFor(Duration.ofSeconds(20))).isZero();
    }
  }

  @Test
  void after_kill_minus_nine_every_reminder_arrives_exactly_once_and_those_missed_say_late()
      throws Exception {
    Instant lastDue;
    try (LauncherProcess first =
        LauncherProcess.start(workDir, env(), "console", "--user", "ann", "--tz", "UTC")) {
      first.type("remind in 3s first");
      first.type("remind in 4s second");
      first.type("remind in 5s third");
      first.type("remind in 1h later");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> first.output().contains("It's reminder 4."));
      lastDue = Instant.now().plusSeconds(5);
      first.kill();
      assertThat(first.output()).doesNotContain("⏰");
    }
    // The reminders come due while nothing runs.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Instant.now().isAfter(lastDue.plusSeconds(1)));
    try (LauncherProcess second =
        LauncherProcess.start(workDir, env(), "console", "--user", "ann", "--tz", "UTC")) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(second.output(), "⏰ Reminder:") >= 3);
      second.type("reminders");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> second.output().contains("Your reminders"));
      second.endInput();
      second.waitFor(Duration.ofSeconds(20));
      String out = second.output();
      for (String note : new String[] {"first", "second", "third"}) {
        assertThat(count(out, "⏰ Reminder: " + note + "\n")).as(note).isEqualTo(1);
      }
      assertThat(count(out, "while I was offline")).isEqualTo(3);
      assertThat(out).doesNotContain("⏰ Reminder: later");
      assertThat(out).contains("4 · ").contains("later");
    }
  }

  @Test
  void a_second_process_on_the_same_database_is_told_why_it_cannot_start() throws Exception {
    try (LauncherProcess first =
        LauncherProcess.start(workDir, env(), "console", "--user", "ann")) {
      await().atMost(Duration.ofSeconds(20)).until(() -> first.output().contains("you are ann"));
      try (LauncherProcess second =
          LauncherProcess.start(workDir, env(), "console", "--user", "bob")) {
        assertThat(second.waitFor(Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(second.output())
            .contains("is in use by another followup-bot process")
            .doesNotContain("\tat ");
      }
    }
  }

  @Test
  void an_unclaimed_case_nudges_the_console_channel_then_escalates_until_claimed()
      throws Exception {
    Path config = workDir.resolve("followup.yaml");
    java.nio.file.Files.writeString(
        config,
        "teams:\n"
            + "  - id: trial\n"
            + "    channels: [console]\n"
            + "    leads: [lee]\n"
            + "    unclaimed:\n"
            + "      nudge_after: 3s\n"
            + "      escalation:\n"
            + "        - {after: 3s, action: mention_leads}\n"
            + "        - {after: 3s, action: nudge_channel}\n"
            + "    nudges: {group_window: 0s}\n");
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("FOLLOWUP_CONFIG", config.toString());
    try (LauncherProcess console =
        LauncherProcess.start(workDir, env, "console", "--user", "dana", "--tz", "UTC")) {
      console.type("new Refund for Acme");
      await().atMost(Duration.ofSeconds(20)).until(() -> console.output().contains("has waited"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> console.output().contains("@lee 👋 #1 · Refund"));
      console.type("claim 1");
      await().atMost(Duration.ofSeconds(10)).until(() -> console.output().contains("You own #1"));
      String atClaim = console.output();
      // The third step would have come 3 s after the second; the chain stopped instead.
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(8))
          .until(() -> count(console.output(), "has waited") == count(atClaim, "has waited"));
      console.endInput();
      assertThat(console.waitFor(Duration.ofSeconds(20))).isZero();
      assertThat(console.output()).contains("» in #console:").doesNotContain("Exception");
    }
  }

  @Test
  void a_malformed_configuration_stops_start_up_naming_the_file_line_and_key() throws Exception {
    Path config = workDir.resolve("followup.yaml");
    java.nio.file.Files.writeString(
        config, "teams:\n  - id: trial\n    channels: [console]\n    stale: {after: soon}\n");
    try (LauncherProcess bad =
        LauncherProcess.start(
            workDir, Map.of("FOLLOWUP_CONFIG", config.toString()), "console", "--user", "ann")) {
      assertThat(bad.waitFor(Duration.ofSeconds(20))).isEqualTo(2);
      assertThat(bad.output())
          .contains("configuration error: " + config + " line 4 key 'teams[0].stale.after'")
          .contains("'soon' is not a duration")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void a_bad_setting_stops_start_up_with_a_precise_message() throws Exception {
    try (LauncherProcess bad = LauncherProcess.start(workDir, Map.of("PORT", "eighty"), "serve")) {
      assertThat(bad.waitFor(Duration.ofSeconds(20))).isEqualTo(2);
      assertThat(bad.output())
          .contains("configuration error: PORT=eighty is not valid")
          .doesNotContain("\tat ");
    }
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
