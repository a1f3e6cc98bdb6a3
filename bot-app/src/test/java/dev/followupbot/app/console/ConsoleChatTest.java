package dev.followupbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console adapter with the real core; time moves by the test's clock. */
class ConsoleChatTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleOutput output =
      new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  private final ManualReminderScheduler scheduler = new ManualReminderScheduler();
  private final Database db = TestDatabases.h2();
  private final FollowupCore core =
      FollowupCore.builder(JdbiStorage.on(db, clock), scheduler)
          .messengers(List.of(new ConsoleMessenger(output, "ann")))
          .config(dev.followupbot.core.testing.CoreHarness.quiet(FollowupConfig.DEFAULTS))
          .node("console")
          .clock(clock)
          .build();
  private final ConsoleChat chat =
      new ConsoleChat(core, output, "ann", ZoneId.of("Europe/Berlin"), true);

  @AfterEach
  void close() {
    db.close();
  }

  private String transcript() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void type(String lines) throws Exception {
    chat.run(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void a_conversation_prints_the_card_the_replies_and_the_reminder_when_due() throws Exception {
    type("new \"Refund for Acme\" for Dana !high\nclaim 1\nremind 1 in 5s call Dana back\n");
    assertThat(transcript())
        .contains("ann> new \"Refund for Acme\" for Dana !high")
        .contains("» in #console:\n  [#1 · Refund for Acme]")
        .contains("Customer: Dana · Priority: high · Status: unclaimed")
        .contains("You own #1 · Refund for Acme now")
        .contains("It's reminder 1.");
    clock.advance(Duration.ofSeconds(5));
    scheduler.fireDue(core.wakeUps(), clock);
    assertThat(transcript())
        .contains("» to you:\n  ⏰ Reminder: call Dana back")
        .contains("[1] Done  [2] Snooze 20 min");
  }

  @Test
  void colon_n_clicks_a_button_of_the_last_message() throws Exception {
    type("new Refund\n:1\n:9\n");
    assertThat(transcript())
        .contains("ann> :1")
        .contains("You own #1 · Refund now")
        .contains("There is no button 9");
  }

  @Test
  void a_time_with_two_readings_is_offered_as_buttons_and_colon_n_sets_the_one_clicked()
      throws Exception {
    // Monday 23 November 2026, 10:00 in Berlin: "at 5" is 17:00 today or 05:00 tomorrow.
    type("remind me at 5 call Dana\n");
    assertThat(transcript())
        .contains("haven't set anything")
        .contains("[1] Mon 23 Nov 17:00  [2] Tue 24 Nov 05:00");
    assertThat(core.reminders().findByNumber(dev.followupbot.core.domain.TenantId.CONSOLE, 1))
        .isEmpty();
    type(":2\n");
    assertThat(transcript()).contains("Okay, I'll remind you on Tue 24 Nov at 05:00");
    assertThat(
            core.reminders()
                .findByNumber(dev.followupbot.core.domain.TenantId.CONSOLE, 1)
                .orElseThrow()
                .dueAt())
        .hasToString("2026-11-24T04:00:00Z");
  }

  @Test
  void quit_ends_the_chat_and_blank_lines_are_ignored() throws Exception {
    type("\n   \nquit\nnew Never opened\n");
    assertThat(transcript()).doesNotContain("Never opened");
  }

  @Test
  void mistakes_get_a_usage_line() throws Exception {
    type("remind whenever\nclam 1\n");
    assertThat(transcript()).contains("I couldn't read the time").contains("Did you mean `claim`?");
  }

  @Test
  void handing_a_case_to_someone_prints_the_note_they_get() throws Exception {
    type("new Refund\nclaim 1\nassign 1 @bob vacation\n");
    assertThat(transcript())
        .contains(
            "» to bob:\n  ann handed you case #1 · Refund (normal): vacation. It's yours now.");
  }
}
