package dev.followupbot.core.command;

import java.util.List;

/**
 * What {@code help remind} shows: an example of every form of {@code remind} and of its {@code
 * <when>}, and the rules for phrases with two readings. docs/commands.md has the same table (a test
 * checks that every example here is there, and that every one is understood).
 */
public final class RemindHelp {

  /** One form: what it is, an example command, and what the example means. */
  public record Form(String form, String example, String means) {}

  /** Who and what: the word order of a reminder. */
  public static final List<Form> ORDER =
      List.of(
          new Form(
              "note, then when",
              "remind me to call Dana tomorrow at 3pm",
              "`me` is you; the time may come after the note"),
          new Form("when, then note", "remind me tomorrow at 3pm to call Dana", "or before it"),
          new Form(
              "someone else", "remind @ann to send the invoice friday", "Ann, on Friday at 09:00"),
          new Form("about a case", "remind 42 in 2h call Dana back", "the reminder links case 42"),
          new Form(
              "in a channel",
              "remind #support every monday 9am check the unclaimed queue",
              "posted in #support, in its team's time zone"),
          new Form(
              "quoted note",
              "remind me tomorrow 9am \"plan next week\"",
              "words in quotes are never read as a time"));

  /** The forms of {@code <when>}; each example is a whole command. */
  public static final List<Form> WHEN =
      List.of(
          new Form("a length", "remind me in an hour and a half stretch", "in 1 h 30 min"),
          new Form(
              "a length without in",
              "remind me 2h30m check the build",
              "also `90 minutes from now`"),
          new Form("decimals", "remind me in 1.5 hours to call back", "in 1 h 30 min"),
          new Form("months", "remind me in 1 month renew the licence", "same time, a month on"),
          new Form("date by name", "remind me december 15 send the report", "15 Dec at 09:00"),
          new Form("day of the month", "remind me on the 15th pay the invoice", "the next 15th"),
          new Form(
              "numeric date", "remind me 24.12. 10:00 call the customer", "day first, see below"),
          new Form("ISO date", "remind me 2026-12-24 10:00 call the customer", "in any locale"),
          new Form("weekday", "remind me next tuesday at 2pm call Ann", "the coming Tuesday"),
          new Form(
              "weekday of next week",
              "remind me friday of next week review the backlog",
              "also `friday after next`"),
          new Form("part of the day", "remind me tonight water the plants", "20:00 today"),
          new Form("end of the day", "remind me eod send the summary", "the end of working hours"),
          new Form("end of the week", "remind me end of week file expenses", "Friday, end of day"),
          new Form(
              "clock forms", "remind me 1400 call Dana", "also `9.30`, `930am`, `3 pm`, `15h`"),
          new Form("time and day", "remind me 3pm tomorrow call Dana", "either order"),
          new Form("day, part and time", "remind me tomorrow afternoon at 5 call Dana", "17:00"),
          new Form(
              "relative day",
              "remind me the day after tomorrow call Dana",
              "also `a week from today`"),
          new Form("next week", "remind me next week review the backlog", "Monday, start of day"));

  /** Repeating reminders: each occurrence arrives once, with Done, Snooze and Stop series. */
  public static final List<Form> REPEATS =
      List.of(
          new Form(
              "every day", "remind me every weekday at 9am check the queue", "Monday to Friday"),
          new Form(
              "on days",
              "remind me every monday and thursday at 2pm call Ann",
              "also `at 5pm on fridays`"),
          new Form(
              "every other week",
              "remind me every other friday send the report",
              "every two weeks"),
          new Form(
              "in the month",
              "remind me every first monday review the backlog",
              "also `every last friday`, `every month on the 1st`"),
          new Form("every year", "remind me every year on 24 december call mum", "on that date"),
          new Form(
              "skipping holidays",
              "remind me every weekday at 9am skip holidays check the queue",
              "skips the holidays of the channel's team"));

  /** The documented time of each word that stands for one. */
  public static final String TIMES =
      "`this morning` 09:00, `lunch` and `noon` 12:00, `this afternoon` 14:00, `this evening` 18:00,"
          + " `tonight` 20:00, `midnight` 00:00 at the end of the day; `eod`, `cob` and `end of day`"
          + " the end of your working hours (17:00 unless set); `end of week` and `end of month` the"
          + " end of the last working day; a day without a time, and `next week` (next Monday), the"
          + " start of your working hours (09:00 unless set).";

  /** How phrases with two readings, and phrases that cannot be honoured, are answered. */
  public static final List<String> RULES =
      List.of(
          "A bare hour (`at 5`, `tomorrow at 8`) is the reading inside your working hours: with"
              + " 09:00 to 17:00, `at 9` is 09:00 and `at 1` is 13:00. A part of the day decides it"
              + " (`tonight at 8` is 20:00). When both readings or neither fall inside, I set"
              + " nothing and offer both as buttons, e.g. `at 5`: Wed 2 Dec 17:00 or Thu 3 Dec"
              + " 05:00.",
          "A bare numeric date follows your locale as Slack or Teams gives it: `12/24` is month"
              + " first in en-US; `24.12.`, `24/12` and `17.12.2026` are day first in de and en-GB."
              + " When I don't know your locale, `12/11` is offered both ways, as buttons.",
          "`friday midnight` (the start or the end of Friday) and a lone `15h` (a length or a time)"
              + " are offered both ways too.",
          "A time of day that has passed today means tomorrow, and a weekday whose time has passed"
              + " means next week. A date or time that has passed is refused, never moved.",
          "Words of a time left in the note (`remind me 3pm call Dana tomorrow`) mean I misread, so"
              + " I set nothing and say so. Put the time first or last, or quote the note.",
          "A repeating reminder keeps its wall-clock time in the recipient's zone across DST. A"
              + " repeating phrase I can't honour (`every hour`, `every 3 days`) is refused, never"
              + " set as a one-off. `cancel` on any of its reminders ends the series; Done and"
              + " Snooze act on one occurrence. After a downtime, missed occurrences arrive once,"
              + " late.",
          "A channel reminder (`remind #support …`) is posted in that channel, and repeats in the"
              + " zone of the team that owns the channel. Anyone in the channel can set one and"
              + " press Done or Snooze; only whoever set it, or an admin, can cancel it. Where the"
              + " chat app does not link the channel (Teams, the console), it is the channel you"
              + " type the command in.");

  private RemindHelp() {}

  /**
   * Every example, in order: the word-order forms, the {@code <when>} forms, the repeating ones.
   */
  public static List<Form> all() {
    return java.util.stream.Stream.of(ORDER, WHEN, REPEATS).flatMap(List::stream).toList();
  }
}
