package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.command.RemindHelp;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code remind} as people type it, through the whole command path (parser, router, reminder
 * service, database, scheduler) on a fixed {@code MutableClock}: every table in Europe/Berlin,
 * America/New_York, Australia/Sydney and Asia/Kolkata, read at Wednesday 2 December 2026 10:00
 * local (working hours 09:00 to 17:00), and across both DST changes of each zone. A phrase is set
 * at one wall-clock time, offered as a choice, or refused with a usage line; never set wrong.
 */
class RemindPhrasesTest {

  static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata");

  static final LocalDateTime NOW = LocalDateTime.parse("2026-12-02T10:00"); // a Wednesday

  private static final CoreHarness bot = CoreHarness.onH2();

  @AfterAll
  static void close() {
    bot.close();
  }

  /** The command after {@code remind}, the local time it is set for, and the note. */
  static final String[][] SET = {
    // Slack's order: the note first, then the time; and the time first
    {"me to call Dana tomorrow at 3pm", "2026-12-03T15:00", "call Dana"},
    {"me tomorrow at 3pm to call Dana", "2026-12-03T15:00", "call Dana"},
    {"me 3pm tomorrow call Dana", "2026-12-03T15:00", "call Dana"},
    {"me to send the invoice wednesday next week", "2026-12-09T09:00", "send the invoice"},
    {"me tonight at 8 water the plants", "2026-12-02T20:00", "water the plants"},
    {"me to call Dana back in an hour and a half", "2026-12-02T11:30", "call Dana back"},
    {"me tomorrow \"plan next week\"", "2026-12-03T09:00", "plan next week"},
    // words for numbers, decimals, lengths without "in", months
    {"me in an hour stretch", "2026-12-02T11:00", "stretch"},
    {"me in one hour stretch", "2026-12-02T11:00", "stretch"},
    {"me in half an hour stretch", "2026-12-02T10:30", "stretch"},
    {"me in an hour and a half call Dana back", "2026-12-02T11:30", "call Dana back"},
    {"me in a couple of hours check the build", "2026-12-02T12:00", "check the build"},
    {"me in 1.5 hours to call back", "2026-12-02T11:30", "call back"},
    {"me 2h30m check the build", "2026-12-02T12:30", "check the build"},
    {"me 90 minutes from now check the build", "2026-12-02T11:30", "check the build"},
    {"me 5 minutes later check the build", "2026-12-02T10:05", "check the build"},
    {"me in 1 month renew the licence", "2027-01-02T10:00", "renew the licence"},
    // dates by name and in figures
    {"me december 15 send the report", "2026-12-15T09:00", "send the report"},
    {"me Dec 24 call mum", "2026-12-24T09:00", "call mum"},
    {"me 24 December call mum", "2026-12-24T09:00", "call mum"},
    {"me the 15th pay the invoice", "2026-12-15T09:00", "pay the invoice"},
    {"me on the 15th pay the invoice", "2026-12-15T09:00", "pay the invoice"},
    {"me 24.12. call mum", "2026-12-24T09:00", "call mum"},
    {"me 2026-12-24 10:00 call the customer", "2026-12-24T10:00", "call the customer"},
    // weekdays
    {"me on Friday send the report", "2026-12-04T09:00", "send the report"},
    {"me this Friday send the report", "2026-12-04T09:00", "send the report"},
    {"me next Tuesday at 2pm call Ann", "2026-12-08T14:00", "call Ann"},
    {"me Friday of next week review the backlog", "2026-12-11T09:00", "review the backlog"},
    {"me Friday after next review the backlog", "2026-12-11T09:00", "review the backlog"},
    // parts of the day
    {"me this afternoon call Dana", "2026-12-02T14:00", "call Dana"},
    {"me this evening call Dana", "2026-12-02T18:00", "call Dana"},
    {"me tonight call Dana", "2026-12-02T20:00", "call Dana"},
    {"me noon call Dana", "2026-12-02T12:00", "call Dana"},
    {"me midnight call Dana", "2026-12-03T00:00", "call Dana"},
    {"me lunch call Dana", "2026-12-02T12:00", "call Dana"},
    // ends
    {"me eod send the summary", "2026-12-02T17:00", "send the summary"},
    {"me end of day send the summary", "2026-12-02T17:00", "send the summary"},
    {"me cob send the summary", "2026-12-02T17:00", "send the summary"},
    {"me end of week file expenses", "2026-12-04T17:00", "file expenses"},
    {"me end of month file expenses", "2026-12-31T17:00", "file expenses"},
    // clock forms
    {"me 1400 call Dana", "2026-12-02T14:00", "call Dana"},
    {"me at 9.30 call Dana", "2026-12-03T09:30", "call Dana"},
    {"me 930am call Dana", "2026-12-03T09:30", "call Dana"},
    {"me 3 pm call Dana", "2026-12-02T15:00", "call Dana"},
    {"me at 15h call Dana", "2026-12-02T15:00", "call Dana"},
    // time before or after the day
    {"me at 9am on Saturday call Dana", "2026-12-05T09:00", "call Dana"},
    {"me tomorrow afternoon at 5 call Dana", "2026-12-03T17:00", "call Dana"},
    // relative days
    {"me the day after tomorrow call Dana", "2026-12-04T09:00", "call Dana"},
    {"me a week from today call Dana", "2026-12-09T09:00", "call Dana"},
    {"me next week review the backlog", "2026-12-07T09:00", "review the backlog"},
    // the forms that worked before
    {"in 15m stretch", "2026-12-02T10:15", "stretch"},
    {"in 30s stretch", "2026-12-02T10:00:30", "stretch"},
    {"tomorrow 9am call Dana back", "2026-12-03T09:00", "call Dana back"},
    {"me tomorrow 9am to send the invoice", "2026-12-03T09:00", "send the invoice"},
    {"monday 14:00 call Dana", "2026-12-07T14:00", "call Dana"},
    {"at 16:30 call Dana", "2026-12-02T16:30", "call Dana"},
    {"2026-12-04 10:00 call Dana", "2026-12-04T10:00", "call Dana"},
    {"next monday call Dana", "2026-12-07T09:00", "call Dana"},
    {"in 3d call Dana", "2026-12-05T10:00", "call Dana"},
  };

  /** Two readings: nothing is set; the buttons show both, and each sets its own. */
  static final String[][] CHOICES = {
    {"me at 5 call Dana", "Wed 2 Dec 17:00 | Thu 3 Dec 05:00"},
    {"me to call Dana tomorrow at 8", "Thu 3 Dec 20:00 | Thu 3 Dec 08:00"},
    {"me 12/11 call Dana", "Fri 11 Dec 09:00 | Fri 12 Nov 09:00"},
    {"me friday midnight call Dana", "Fri 4 Dec 00:00 | Sat 5 Dec 00:00"},
  };

  /** Refused, with a usage line, and nothing set. */
  static final String[] REFUSED = {
    "me 3pm call Dana tomorrow",
    "me tomorrow call Dana next week",
    "me in an hour call Dana and a half",
    "me call Dana tomorrow evening about the monday report",
    "me call Dana",
    "me to call Dana every hour",
    "me every hour check the queue",
    "me biweekly on friday check the queue",
    "#support check the queue",
    "me at teatime call Dana",
    "me yesterday call Dana",
    "me this morning call Dana",
    "me 2026-11-30 call Dana",
    "me 2026-02-30 call Dana",
    "me in 2 years call Dana",
    "me in 0 minutes call Dana",
    "me monday 2026-12-08 call Dana",
    "",
  };

  /** Repeating: the command, the rule it sets, and its first occurrence. */
  static final String[][] SERIES = {
    {"me every monday 9am check the queue", "every Monday at 09:00", "Mon 7 Dec at 09:00"},
    {"me check the queue at 5pm on Fridays", "every Friday at 17:00", "Fri 4 Dec at 17:00"},
    {"me to stretch every weekday at 3pm", "every weekday at 15:00", "Wed 2 Dec at 15:00"},
    {"me every day check the queue", "every day at 09:00", "Thu 3 Dec at 09:00"},
  };

  static Stream<Arguments> series() {
    return table(SERIES);
  }

  @ParameterizedTest(name = "{0}: remind {1} is {2}, first {3}")
  @MethodSource("series")
  void a_repeating_phrase_sets_a_series_in_the_persons_zone(
      String zone, String command, String rule, String first) {
    Caller who = at(zone, NOW);
    String reply = bot.text(who, "remind " + command);
    assertThat(setBy(reply)).as(reply).isPresent();
    assertThat(reply).contains("Okay, I'll remind you " + rule + ", first on " + first);
  }

  static Stream<Arguments> set() {
    return table(SET);
  }

  static Stream<Arguments> choices() {
    return table(CHOICES);
  }

  static Stream<Arguments> refused() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : ZONES) {
      for (String row : REFUSED) {
        all.add(Arguments.of(zone, row));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> table(String[][] rows) {
    List<Arguments> all = new ArrayList<>();
    for (String zone : ZONES) {
      for (String[] row : rows) {
        Object[] args = new Object[row.length + 1];
        args[0] = zone;
        System.arraycopy(row, 0, args, 1, row.length);
        all.add(Arguments.of(args));
      }
    }
    return all.stream();
  }

  /** Someone in {@code zone}, at 10:00 there on Wednesday 2 December 2026. */
  private static Caller at(String zone, LocalDateTime local) {
    bot.clock.set(ZonedDateTime.of(local, ZoneId.of(zone)).toInstant());
    return bot.person("agent-" + zone.replace('/', '-'), zone);
  }

  private static final Pattern NUMBER = Pattern.compile("It's reminder (\\d+)[.;]");

  /** The reminder a reply set, if it set one. */
  private static Optional<Reminder> setBy(String reply) {
    Matcher m = NUMBER.matcher(reply);
    if (!m.find()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(m.group(1));
    highest = Math.max(highest, number);
    return bot.core.reminders().findByNumber(CoreHarness.ACME, number);
  }

  /** The highest reminder number set so far. */
  private static int highest;

  /** Catches up with reminders set by other tests. */
  private static void catchUp() {
    while (bot.core.reminders().findByNumber(CoreHarness.ACME, highest + 1).isPresent()) {
      highest++;
    }
  }

  /** Whether a reminder was set since {@link #catchUp}. */
  private static boolean anotherWasSet() {
    return bot.core.reminders().findByNumber(CoreHarness.ACME, highest + 1).isPresent();
  }

  private static final java.time.format.DateTimeFormatter LABEL =
      java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH);
  private static final java.time.format.DateTimeFormatter DAY_AT =
      java.time.format.DateTimeFormatter.ofPattern(
          "EEE d MMM 'at' HH:mm", java.util.Locale.ENGLISH);

  @ParameterizedTest(name = "{0}: remind {1} is {2}, note \"{3}\"")
  @MethodSource("set")
  void each_phrase_sets_one_wall_clock_time_and_keeps_only_the_note(
      String zone, String command, String local, String note) {
    Caller who = at(zone, NOW);
    String reply = bot.text(who, "remind " + command);
    Reminder r = setBy(reply).orElseThrow(() -> new AssertionError(command + ": " + reply));
    ZoneId z = ZoneId.of(zone);
    assertThat(r.dueAt().atZone(z).toLocalDateTime()).as(command).isEqualTo(local);
    assertThat(r.note()).as(command).contains(note);
    assertThat(bot.scheduler.scheduledFor(r.id())).contains(r.dueAt());
    // The confirmation says the weekday, the date and the time, in the person's own zone (unnamed).
    assertThat(reply)
        .as(command)
        .contains("Okay, I'll remind you on " + r.dueAt().atZone(z).format(DAY_AT))
        .doesNotContain(zone);
  }

  @ParameterizedTest(name = "{0}: remind {1} offers {2}")
  @MethodSource("choices")
  void a_phrase_with_two_readings_sets_nothing_and_each_button_sets_its_reading(
      String zone, String command, String expected) {
    Caller who = at(zone, NOW);
    catchUp();
    Reply reply = bot.say(who, "remind " + command);
    assertThat(anotherWasSet()).as(command).isFalse();
    List<String> labels = Replies.buttonLabels(reply.message());
    List<String> commands = Replies.buttonCommands(reply.message());
    assertThat(String.join(" | ", labels)).as(command).isEqualTo(expected);
    assertThat(Replies.text(reply)).contains("haven't set anything");
    for (int i = 0; i < labels.size(); i++) {
      String clicked = Replies.text(bot.say(who, commands.get(i)));
      Reminder r = setBy(clicked).orElseThrow(() -> new AssertionError(clicked));
      assertThat(r.dueAt().atZone(ZoneId.of(zone)).format(LABEL)).isEqualTo(labels.get(i));
      assertThat(r.note()).contains("call Dana");
    }
  }

  @ParameterizedTest(name = "{0}: remind {1} is refused")
  @MethodSource("refused")
  void a_phrase_that_cannot_be_honoured_is_refused_with_a_usage_line(String zone, String command) {
    Caller who = at(zone, NOW);
    catchUp();
    String reply = bot.text(who, "remind " + command);
    assertThat(reply)
        .as(command)
        .contains("Usage: `remind")
        .doesNotContain("Okay, I'll remind")
        .doesNotContain("went wrong")
        .doesNotContain("Exception");
    assertThat(anotherWasSet()).as(command).isFalse();
  }

  /** The zone, and the Sunday of each of its 2026 changes (Kolkata has none: a control). */
  static final String[][] CHANGES = {
    {"Europe/Berlin", "2026-03-29"},
    {"Europe/Berlin", "2026-10-25"},
    {"America/New_York", "2026-03-08"},
    {"America/New_York", "2026-11-01"},
    {"Australia/Sydney", "2026-04-05"},
    {"Australia/Sydney", "2026-10-04"},
    {"Asia/Kolkata", "2026-03-29"},
    {"Asia/Kolkata", "2026-10-25"},
  };

  /** Read at 20:00 on the Saturday before: days after it, and the local time. */
  static final String[][] ACROSS_DST = {
    {"me tomorrow 9am call Dana", "+1 09:00"},
    {"me to call Dana tomorrow", "+1 09:00"},
    {"me sunday at 10:30 call Dana", "+1 10:30"},
    {"me in 2 days call Dana", "+2 20:00"},
    {"me next week call Dana", "+2 09:00"},
    {"me to call Dana monday eod", "+2 17:00"},
    {"me tomorrow evening call Dana", "+1 18:00"},
  };

  static Stream<Arguments> acrossDst() {
    List<Arguments> all = new ArrayList<>();
    for (String[] change : CHANGES) {
      for (String[] row : ACROSS_DST) {
        all.add(Arguments.of(change[0], change[1], row[0], row[1]));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> changes() {
    return Stream.of(CHANGES).map(c -> Arguments.of(c[0], c[1]));
  }

  @ParameterizedTest(name = "{0}, change on {1}: remind {2} is {3}")
  @MethodSource("acrossDst")
  void wall_clock_phrases_keep_their_time_across_the_change(
      String zone, String sunday, String command, String expected) {
    LocalDate saturday = LocalDate.parse(sunday).minusDays(1);
    Caller who = at(zone, saturday.atTime(20, 0));
    String reply = bot.text(who, "remind " + command);
    Reminder r = setBy(reply).orElseThrow(() -> new AssertionError(command + ": " + reply));
    String[] parts = expected.split(" ");
    LocalDateTime want =
        saturday
            .plusDays(Integer.parseInt(parts[0].substring(1)))
            .atTime(LocalTime.parse(parts[1]));
    assertThat(r.dueAt().atZone(ZoneId.of(zone)).toLocalDateTime()).as(command).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}, change on {1}: remind me in 24 hours is exactly 24 hours")
  @MethodSource("changes")
  void exact_lengths_keep_their_length_across_the_change(String zone, String sunday) {
    Caller who = at(zone, LocalDate.parse(sunday).minusDays(1).atTime(20, 0));
    Instant now = bot.clock.instant();
    Reminder r = setBy(bot.text(who, "remind me in 24 hours call Dana")).orElseThrow();
    assertThat(Duration.between(now, r.dueAt())).isEqualTo(Duration.ofHours(24));
  }

  static Stream<Arguments> helpExamples() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : ZONES) {
      for (RemindHelp.Form f : RemindHelp.all()) {
        all.add(Arguments.of(zone, f.example()));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: help's example \"{1}\" sets a reminder")
  @MethodSource("helpExamples")
  void every_example_in_help_remind_sets_a_reminder(String zone, String example) {
    Caller who = at(zone, NOW);
    bot.say(bot.person("ann", zone), "help"); // @ann is someone the bot knows
    String opened = bot.text(who, "new Refund for Acme");
    Matcher m = Pattern.compile("case #(\\d+)").matcher(opened);
    assertThat(m.find()).as(opened).isTrue();
    String reply = bot.text(who, example.replace(" 42 ", " " + m.group(1) + " "));
    assertThat(setBy(reply)).as(example + ": " + reply).isPresent();
  }

  @ParameterizedTest(name = "{0}: a reminder for someone in another zone names their zone")
  @MethodSource("zones")
  void a_reminder_for_someone_elsewhere_names_their_zone(String zone) {
    Caller who = at(zone, NOW);
    String elsewhere = zone.equals("Asia/Tokyo") ? "UTC" : "Asia/Tokyo";
    bot.say(bot.person("kenji", elsewhere), "help");
    String reply = bot.text(who, "remind @kenji to call Dana tomorrow at 3pm");
    assertThat(reply)
        .contains("Okay, I'll remind kenji on Thu 3 Dec at 15:00 your time")
        .contains("their time in Asia/Tokyo")
        .contains(": call Dana.");
  }

  static Stream<String> zones() {
    return ZONES.stream();
  }
}
