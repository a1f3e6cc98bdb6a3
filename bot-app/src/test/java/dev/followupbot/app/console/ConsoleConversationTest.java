package dev.followupbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TeamYaml;
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

/** Cases from conversations in #console: switch person, post, reply and react. */
class ConsoleConversationTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleOutput output =
      new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  private final Database db = TestDatabases.h2();
  private final FollowupCore core =
      FollowupCore.builder(JdbiStorage.on(db, clock), new ManualReminderScheduler())
          .messengers(List.of(new ConsoleMessenger(output, "ann")))
          .config(
              CoreHarness.quiet(
                  ConfigLoader.parse(
                      "followup.yaml",
                      TeamYaml.team("trial")
                          .channels("console")
                          .members("ann", "bob")
                          .intake("auto")
                          .yaml())))
          .node("console")
          .clock(clock)
          .build();
  private final ConsoleChat chat =
      new ConsoleChat(core, output, "ann", ZoneId.of("Europe/Berlin"), true, clock);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void a_customers_message_becomes_a_case_and_the_thread_drives_it() throws Exception {
    type("as carol\nsay The export fails since this morning\n");
    assertThat(transcript())
        .contains("You are carol now.")
        .contains("» in #console, in the message's thread:")
        .contains("#1 · The export fails since this morning");
    assertThat(only().source().get().requesterId()).isEqualTo("carol");

    clock.advance(Duration.ofMinutes(3));
    type("as ann\nreply 1 Looking into it\n");
    SupportCase answered = only();
    assertThat(answered.ownerId()).contains("ann");
    assertThat(answered.firstResponseAt()).contains(clock.instant());
    assertThat(answered.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);

    type("as carol\nreply 1 It still fails on page 2\nas ann\nreact 1 :white_check_mark:\n");
    assertThat(only().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void a_team_members_message_opens_nothing_and_says_why() throws Exception {
    type("say Deploying the fix now\n");

    assertThat(transcript()).contains("(a team member's own message)");
    assertThat(core.cases().findByNumber(TenantId.CONSOLE, 1)).isEmpty();
  }

  @Test
  void a_reply_to_a_case_opened_by_command_goes_into_its_cards_thread() throws Exception {
    type("new Refund for Acme\nas bob\nreply 1 I'll take this one\n");

    assertThat(only().ownerId()).contains("bob");
  }

  @Test
  void mistakes_get_a_usage_line() throws Exception {
    type("reply\nreply 9 hello\nreact 1 eyes\nsay\nas !!\n");
    assertThat(transcript())
        .contains("Usage: reply <case number> <text>")
        .contains("Usage: react <case number> :emoji:")
        .contains("Say what?")
        .contains("Usage: as <user>");
  }

  private SupportCase only() {
    assertThat(core.cases().findByNumber(TenantId.CONSOLE, 2)).isEmpty();
    return core.cases().findByNumber(TenantId.CONSOLE, 1).orElseThrow();
  }

  private String transcript() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void type(String lines) throws Exception {
    chat.run(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
  }
}
