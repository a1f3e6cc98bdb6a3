package dev.followupbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.command.Command.CaseFilter;
import dev.followupbot.core.domain.Priority;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  // Monday 23 November 2026, 10:00 in Berlin.
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));

  private static Command parsed(String text) {
    ParseResult r = CommandParser.parse(text, NOW);
    assertThat(r).as("parse of '%s'", text).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) r).command();
  }

  private static String problem(String text) {
    ParseResult r = CommandParser.parse(text, NOW);
    assertThat(r).as("parse of '%s'", text).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) r).problem();
  }

  @Test
  void new_with_a_quoted_subject_a_customer_and_a_priority() {
    Command.NewCase c = (Command.NewCase) parsed("new \"Refund for Acme\" for Dana !high");
    assertThat(c.subject()).isEqualTo("Refund for Acme");
    assertThat(c.customer()).contains("Dana");
    assertThat(c.priority()).isEqualTo(Priority.HIGH);
  }

  @Test
  void an_unquoted_subject_is_split_at_the_last_for() {
    Command.NewCase c = (Command.NewCase) parsed("new Refund for damaged box for Acme Corp");
    assertThat(c.subject()).isEqualTo("Refund for damaged box");
    assertThat(c.customer()).contains("Acme Corp");
    assertThat(c.priority()).isEqualTo(Priority.NORMAL);
  }

  @Test
  void new_without_a_customer_and_with_a_helpdesk_reference() {
    Command.NewCase c = (Command.NewCase) parsed("new Printer on fire !urgent ref:ZD-4211");
    assertThat(c.subject()).isEqualTo("Printer on fire");
    assertThat(c.customer()).isEmpty();
    assertThat(c.priority()).isEqualTo(Priority.URGENT);
    assertThat(c.externalRef()).contains("ZD-4211");
  }

  @Test
  void curly_quotes_from_chat_clients_work_like_straight_ones() {
    Command.NewCase c = (Command.NewCase) parsed("new \u201CLogin for admins\u201D for Initech");
    assertThat(c.subject()).isEqualTo("Login for admins");
    assertThat(c.customer()).contains("Initech");
  }

  @Test
  void new_refuses_an_empty_subject_and_an_unknown_priority_with_usage() {
    assertThat(problem("new")).contains("subject").contains("Usage: `new <subject>");
    assertThat(problem("new Broken !critical")).contains("!urgent").contains("for example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"claim 42", "claim #42", "CLAIM 42", "/followup claim 42", "take 42"})
  void a_case_is_a_number_with_or_without_hash(String text) {
    Command.Claim c = (Command.Claim) parsed(text);
    assertThat(c.ref().number()).contains(42);
  }

  @Test
  void a_case_can_be_named_by_its_helpdesk_reference() {
    Command.Claim c = (Command.Claim) parsed("claim ZD-4211");
    assertThat(c.ref().externalRef()).contains("ZD-4211");
  }

  @Test
  void case_commands_need_a_case() {
    assertThat(problem("claim")).contains("Which case").contains("claim 42");
    assertThat(problem("release <script>")).contains("not a case number");
  }

  @Test
  void assign_takes_a_platform_mention_or_a_name_and_an_optional_reason() {
    Command.Assign slack = (Command.Assign) parsed("assign 42 <@U123|dana> she knows the account");
    assertThat(slack.assignee().userId()).contains("U123");
    assertThat(slack.reason()).contains("she knows the account");
    Command.Assign console = (Command.Assign) parsed("assign 42 @bob");
    assertThat(console.assignee().name()).contains("bob");
    assertThat(console.reason()).isEmpty();
    assertThat(problem("assign 42 bob")).contains("Mention the new owner");
  }

  @Test
  void remind_with_a_case_a_relative_time_and_a_note() {
    Command.Remind r = (Command.Remind) parsed("remind 1 in 5s call Dana back");
    assertThat(r.ref().flatMap(CaseRef::number)).contains(1);
    assertThat(r.due()).isEqualTo(NOW.toInstant().plusSeconds(5));
    assertThat(r.note()).contains("call Dana back");
    assertThat(r.recipient()).isEmpty();
  }

  @Test
  void remind_without_a_case_and_with_me_and_to() {
    Command.Remind r = (Command.Remind) parsed("remind me tomorrow 9am to send the invoice");
    assertThat(r.ref()).isEmpty();
    assertThat(r.due())
        .isEqualTo(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, NOW.getZone()).toInstant());
    assertThat(r.note()).contains("send the invoice");
  }

  @Test
  void remind_someone_else_about_a_case() {
    Command.Remind r = (Command.Remind) parsed("remind @bob 42 at 16:30 check the refund");
    assertThat(r.recipient().flatMap(UserMention::name)).contains("bob");
    assertThat(r.ref().flatMap(CaseRef::number)).contains(42);
    assertThat(r.due()).isEqualTo(NOW.withHour(16).withMinute(30).toInstant());
  }

  @Test
  void remind_refuses_missing_and_unreadable_times() {
    assertThat(problem("remind")).contains("When");
    assertThat(problem("remind whenever you like")).contains("couldn't read the time");
    assertThat(problem("remind 2020-01-01 10:00 too late")).contains("already passed");
    assertThat(problem("remind in 2 fortnights")).contains("how long");
  }

  @Test
  void snooze_accepts_durations_and_times() {
    assertThat(((Command.Snooze) parsed("snooze 7 20m")).until())
        .isEqualTo(NOW.toInstant().plusSeconds(1200));
    assertThat(((Command.Snooze) parsed("snooze r7 1h30m")).until())
        .isEqualTo(NOW.toInstant().plusSeconds(5400));
    Command.Snooze monday = (Command.Snooze) parsed("snooze 7 next monday 9am");
    assertThat(monday.until())
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, NOW.getZone()).toInstant());
    assertThat(problem("snooze 7")).contains("how long");
    assertThat(problem("snooze seven 1h")).contains("not a reminder number");
  }

  @Test
  void snooze_and_wait_read_the_remind_phrases_and_offer_a_time_with_two_readings() {
    assertThat(((Command.Snooze) parsed("snooze 7 tonight")).until())
        .isEqualTo(ZonedDateTime.of(2026, 11, 23, 20, 0, 0, 0, NOW.getZone()).toInstant());
    assertThat(((Command.Snooze) parsed("snooze 7 until 3pm tomorrow")).until())
        .isEqualTo(ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, NOW.getZone()).toInstant());
    assertThat(((Command.Wait) parsed("wait 42 until friday of next week")).until())
        .contains(ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, NOW.getZone()).toInstant());
    Command.ChooseWhen choice = (Command.ChooseWhen) parsed("snooze 7 friday midnight");
    assertThat(choice.options()).hasSize(2);
    assertThat(choice.options()).allSatisfy(o -> assertThat(o.command()).startsWith("snooze 7 "));
    for (Command.WhenOption o : choice.options()) {
      assertThat(parsed(o.command())).as(o.command()).isInstanceOf(Command.Snooze.class);
    }
    assertThat(problem("snooze 7 every day")).contains("is for one time");
    assertThat(problem("snooze 7 tomorrow call Dana")).contains("not the words after it");
    assertThat(problem("wait 42 until")).contains("Until when?");
  }

  @Test
  void done_cancel_and_reminders() {
    assertThat(((Command.Done) parsed("done 3")).reminder()).isEqualTo(3);
    assertThat(((Command.Cancel) parsed("cancel #3")).reminder()).isEqualTo(3);
    assertThat(parsed("reminders")).isInstanceOf(Command.ListReminders.class);
  }

  @Test
  void wait_with_and_without_an_end() {
    assertThat(((Command.Wait) parsed("wait 42")).until()).isEmpty();
    Command.Wait until = (Command.Wait) parsed("wait 42 until friday 10am");
    assertThat(until.until())
        .contains(ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, NOW.getZone()).toInstant());
    Command.Wait span = (Command.Wait) parsed("wait 42 for 2d");
    assertThat(span.until()).contains(NOW.toInstant().plusSeconds(2 * 86400));
  }

  @Test
  void resolve_and_reopen_keep_their_note() {
    assertThat(((Command.Resolve) parsed("resolve 42 refund sent")).note()).contains("refund sent");
    assertThat(((Command.Reopen) parsed("reopen 42")).reason()).isEmpty();
  }

  @Test
  void cases_lists_open_by_default_and_knows_its_filters() {
    assertThat(((Command.ListCases) parsed("cases")).filter()).isEqualTo(CaseFilter.OPEN);
    assertThat(((Command.ListCases) parsed("cases mine")).filter()).isEqualTo(CaseFilter.MINE);
    assertThat(((Command.ListCases) parsed("cases unclaimed")).filter())
        .isEqualTo(CaseFilter.UNCLAIMED);
    assertThat(problem("cases yesterday")).contains("`open`, `mine`");
  }

  @Test
  void help_and_empty_text_show_help() {
    assertThat(parsed("help")).isEqualTo(new Command.Help(Optional.empty()));
    assertThat(parsed("   ")).isEqualTo(new Command.Help(Optional.empty()));
    assertThat(parsed("help remind")).isEqualTo(new Command.Help(Optional.of("remind")));
  }

  @Test
  void an_unknown_command_suggests_the_closest_one() {
    assertThat(problem("clam 42"))
        .contains("I don't know \"clam\"")
        .contains("Did you mean `claim`?");
    assertThat(problem("frobnicate")).contains("Type `help`").doesNotContain("Did you mean");
  }

  @Test
  void hostile_input_gets_an_answer_not_an_exception() {
    assertThat(problem("x".repeat(5000))).contains("under 4000 characters");
    assertThat(problem("claim \u0000\u0007'; DROP TABLE cases; --")).contains("not a case number");
    assertThat(CommandParser.parse("new \"unterminated", NOW))
        .isInstanceOf(ParseResult.Parsed.class);
    assertThat(CommandParser.parse(null, NOW)).isInstanceOf(ParseResult.Parsed.class);
    assertThat(problem("remind 99999999999 in 5m")).isNotEmpty();
  }

  @Test
  void every_alias_reads_as_its_verb_and_every_verb_has_its_help() {
    for (Verb verb : Vocabulary.ALL) {
      assertThat(CommandSpec.named(verb.name())).as(verb.name()).isPresent();
      for (String alias : verb.aliases()) {
        assertThat(CommandParser.parse(alias + " 42 5 1h", NOW))
            .as(alias)
            .isEqualTo(CommandParser.parse(verb.name() + " 42 5 1h", NOW));
      }
    }
  }
}
