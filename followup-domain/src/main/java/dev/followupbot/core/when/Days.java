package dev.followupbot.core.when;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Days: {@code today}, {@code tomorrow}, {@code the day after tomorrow}, weekdays ({@code friday},
 * {@code this friday}, {@code next tuesday}, {@code friday of next week}, {@code friday after
 * next}), {@code next week}, {@code next month}, {@code a week from today}, dates by name ({@code
 * december 15}, {@code 24 dec}, {@code the 15th}) and in figures ({@code 2026-12-24}, {@code
 * 12/24}, {@code 24.12.}, {@code 17.12.2026}), each optionally after {@code on}.
 */
final class Days {

  /** What the words said about the day. */
  sealed interface Day {
    int consumed();
  }

  /**
   * One day. {@code rolling} days (a bare weekday) move a week on when the time on them has passed;
   * {@code weekday} is set when only a weekday was named, to check against a date given too.
   */
  record On(LocalDate date, boolean rolling, Optional<DayOfWeek> weekday, int consumed)
      implements Day {}

  /** Two days the words could mean; the person picks. */
  record Either(LocalDate first, LocalDate second, String why, int consumed) implements Day {}

  /** A day that cannot be: 31 February, a date in the past. */
  record Impossible(String problem, int consumed) implements Day {}

  static final Map<String, Month> MONTHS =
      Map.ofEntries(
          Map.entry("january", Month.JANUARY),
          Map.entry("jan", Month.JANUARY),
          Map.entry("february", Month.FEBRUARY),
          Map.entry("feb", Month.FEBRUARY),
          Map.entry("march", Month.MARCH),
          Map.entry("mar", Month.MARCH),
          Map.entry("april", Month.APRIL),
          Map.entry("apr", Month.APRIL),
          Map.entry("may", Month.MAY),
          Map.entry("june", Month.JUNE),
          Map.entry("jun", Month.JUNE),
          Map.entry("july", Month.JULY),
          Map.entry("jul", Month.JULY),
          Map.entry("august", Month.AUGUST),
          Map.entry("aug", Month.AUGUST),
          Map.entry("september", Month.SEPTEMBER),
          Map.entry("sep", Month.SEPTEMBER),
          Map.entry("sept", Month.SEPTEMBER),
          Map.entry("october", Month.OCTOBER),
          Map.entry("oct", Month.OCTOBER),
          Map.entry("november", Month.NOVEMBER),
          Map.entry("nov", Month.NOVEMBER),
          Map.entry("december", Month.DECEMBER),
          Map.entry("dec", Month.DECEMBER));

  private static final Pattern ISO = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})");
  private static final Pattern SLASHED =
      Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?");
  private static final Pattern DOTTED =
      Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})?");
  private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private Days() {}

  /** The weekday a word names: {@code friday}, {@code fri}, {@code thurs}; not plurals. */
  static Optional<DayOfWeek> weekday(String word) {
    if (word.length() < 3) {
      return Optional.empty();
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (name.equals(word) || (word.length() <= 5 && name.startsWith(word))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The weekday a plural names: {@code fridays}, {@code mondays}. */
  static Optional<DayOfWeek> weekdays(String word) {
    if (!word.endsWith("s")) {
      return Optional.empty();
    }
    String single = word.substring(0, word.length() - 1);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().toLowerCase(Locale.ROOT).equals(single)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  static Optional<Day> read(Words w, int start, WhenContext ctx) {
    int i = start;
    boolean on = w.is(i, "on");
    if (on) {
      i++;
    }
    Optional<Day> day = readBare(w, i, ctx);
    if (day.isEmpty()) {
      return Optional.empty();
    }
    int extra = i - start;
    return day.map(d -> withConsumed(d, d.consumed() + extra));
  }

  private static Optional<Day> readBare(Words w, int i, WhenContext ctx) {
    LocalDate today = ctx.now().toLocalDate();
    String word = w.at(i);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    switch (word) {
      case "today":
        return on(today, 1);
      case "tomorrow":
      case "tmrw":
      case "tmr":
      case "tomorow":
      case "tommorow":
        return on(today.plusDays(1), 1);
      case "yesterday":
        return Optional.of(
            new Impossible(
                "Yesterday has already passed; pick a time ahead, e.g. `tomorrow 9am`.", 1));
      default:
        break;
    }
    if (w.startsWith(i, "the day after tomorrow")) {
      return on(today.plusDays(2), 4);
    }
    if (w.startsWith(i, "day after tomorrow")) {
      return on(today.plusDays(2), 3);
    }
    if (w.startsWith(i, "next week")) {
      return on(nextWeek(today, DayOfWeek.MONDAY), 2);
    }
    if (w.startsWith(i, "next month")) {
      return on(today.plusMonths(1).withDayOfMonth(1), 2);
    }
    Optional<Day> weekday = weekdayForms(w, i, today);
    if (weekday.isPresent()) {
      return weekday;
    }
    Optional<Day> fromToday = fromToday(w, i, today);
    if (fromToday.isPresent()) {
      return fromToday;
    }
    Optional<Day> named = named(w, i, today);
    if (named.isPresent()) {
      return named;
    }
    return figures(word, today, ctx);
  }

  private static Optional<Day> weekdayForms(Words w, int i, LocalDate today) {
    String word = w.at(i);
    String prefix = "";
    if (word.equals("this") || word.equals("next") || word.equals("coming")) {
      prefix = word;
      i++;
    }
    Optional<DayOfWeek> named = weekday(w.at(i));
    if (named.isEmpty()) {
      return Optional.empty();
    }
    DayOfWeek d = named.get();
    int used = prefix.isEmpty() ? 1 : 2;
    Optional<DayOfWeek> only = Optional.of(d);
    if (prefix.isEmpty() || prefix.equals("this")) {
      if (w.startsWith(i + 1, "of next week")) {
        return Optional.of(new On(nextWeek(today, d), false, only, used + 3));
      }
      if (w.startsWith(i + 1, "next week")) {
        return Optional.of(new On(nextWeek(today, d), false, only, used + 2));
      }
      if (w.startsWith(i + 1, "after next")) {
        return Optional.of(
            new On(today.with(TemporalAdjusters.next(d)).plusWeeks(1), false, only, used + 2));
      }
      if (w.startsWith(i + 1, "this week") || w.startsWith(i + 1, "of this week")) {
        int extra = w.is(i + 1, "of") ? 3 : 2;
        return Optional.of(
            new On(
                today
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .with(TemporalAdjusters.nextOrSame(d)),
                false,
                only,
                used + extra));
      }
      LocalDate date = today.with(TemporalAdjusters.nextOrSame(d));
      return Optional.of(new On(date, prefix.isEmpty(), only, used));
    }
    if (prefix.equals("coming")) {
      return Optional.of(new On(today.with(TemporalAdjusters.next(d)), false, only, used));
    }
    // "next tuesday": the coming one, or the one of next week. Where they differ, ask.
    LocalDate coming = today.with(TemporalAdjusters.next(d));
    LocalDate ofNextWeek = nextWeek(today, d);
    if (coming.equals(ofNextWeek)) {
      return Optional.of(new On(coming, false, only, used));
    }
    return Optional.of(
        new Either(coming, ofNextWeek, "\"next " + w.at(i) + "\" can mean either", used));
  }

  /** {@code a week from today}, {@code 3 days from tomorrow}. */
  private static Optional<Day> fromToday(Words w, int i, LocalDate today) {
    Optional<Spans.Span> span = Spans.read(w, i);
    if (span.isEmpty() || !span.get().exact().isZero()) {
      return Optional.empty();
    }
    int after = i + span.get().consumed();
    if (w.startsWith(after, "from today")) {
      return on(today.plus(span.get().days()), span.get().consumed() + 2);
    }
    if (w.startsWith(after, "from tomorrow")) {
      return on(today.plusDays(1).plus(span.get().days()), span.get().consumed() + 2);
    }
    return Optional.empty();
  }

  /** {@code december 15}, {@code dec 24th 2026}, {@code 24 december}, {@code the 15th}. */
  private static Optional<Day> named(Words w, int i, LocalDate today) {
    Month month = MONTHS.get(w.at(i));
    if (month != null) {
      int k = i + 1;
      if (w.is(k, "the")) {
        k++;
      }
      Matcher m = DAY_NUMBER.matcher(w.at(k));
      if (!m.matches()) {
        return Optional.empty();
      }
      return monthDay(w, k + 1, month, Integer.parseInt(m.group(1)), k + 1 - i, today);
    }
    int k = i;
    boolean the = w.is(k, "the");
    if (the) {
      k++;
    }
    Matcher m = DAY_NUMBER.matcher(w.at(k));
    if (!m.matches()) {
      return Optional.empty();
    }
    int day = Integer.parseInt(m.group(1));
    boolean ordinal = !w.at(k).matches("\\d+");
    int next = k + 1;
    if (w.is(next, "of") && MONTHS.containsKey(w.at(next + 1))) {
      next++;
    }
    Month named = MONTHS.get(w.at(next));
    if (named != null) {
      return monthDay(w, next + 1, named, day, next + 1 - i, today);
    }
    if (!ordinal || day < 1 || day > 31) {
      return Optional.empty();
    }
    // "the 15th": this month if it is still ahead, else the next month that has that day.
    LocalDate candidate = today.withDayOfMonth(1);
    for (int months = 0; months < 13; months++, candidate = candidate.plusMonths(1)) {
      if (day <= candidate.lengthOfMonth() && !candidate.withDayOfMonth(day).isBefore(today)) {
        return on(candidate.withDayOfMonth(day), k + 1 - i);
      }
    }
    return Optional.empty();
  }

  private static Optional<Day> monthDay(
      Words w, int afterDay, Month month, int day, int used, LocalDate today) {
    if (YEAR.matcher(w.at(afterDay)).matches()) {
      return Optional.of(
          dated(Integer.parseInt(w.at(afterDay)), month.getValue(), day, today, used + 1));
    }
    return Optional.of(yearless(month.getValue(), day, today, used));
  }

  private static Optional<Day> figures(String word, LocalDate today, WhenContext ctx) {
    Matcher m = ISO.matcher(word);
    if (m.matches()) {
      return Optional.of(
          dated(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              today,
              1));
    }
    m = DOTTED.matcher(word);
    if (m.matches()) {
      return Optional.of(
          numeric(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), m.group(3), today));
    }
    m = SLASHED.matcher(word);
    if (!m.matches()) {
      return Optional.empty();
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    String year = m.group(3);
    switch (ctx.numericDates()) {
      case MONTH_FIRST:
        return Optional.of(valid(a, b) ? numeric(a, b, year, today) : numeric(b, a, year, today));
      case DAY_FIRST:
        return Optional.of(valid(b, a) ? numeric(b, a, year, today) : numeric(a, b, year, today));
      default:
        if (valid(a, b) && valid(b, a) && a != b) {
          Day us = numeric(a, b, year, today);
          Day rest = numeric(b, a, year, today);
          if (us instanceof On x && rest instanceof On y) {
            return Optional.of(
                new Either(
                    x.date(),
                    y.date(),
                    "\"" + word + "\" is month/day in some places and day/month in others",
                    1));
          }
          return Optional.of(us instanceof On ? us : rest);
        }
        return Optional.of(valid(a, b) ? numeric(a, b, year, today) : numeric(b, a, year, today));
    }
  }

  private static boolean valid(int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  private static Day numeric(int month, int day, String year, LocalDate today) {
    if (year == null) {
      return yearless(month, day, today, 1);
    }
    int y = Integer.parseInt(year);
    return dated(year.length() == 2 ? 2000 + y : y, month, day, today, 1);
  }

  private static Day yearless(int month, int day, LocalDate today, int used) {
    for (int year = today.getYear(); year <= today.getYear() + 4; year++) {
      try {
        LocalDate d = LocalDate.of(year, month, day);
        if (!d.isBefore(today)) {
          return new On(d, false, Optional.empty(), used);
        }
      } catch (DateTimeException e) {
        // 29 February outside a leap year: try the next year
      }
    }
    return new Impossible(
        "There is no "
            + day
            + " "
            + (month >= 1 && month <= 12 ? monthName(month) : "month " + month)
            + ".",
        used);
  }

  private static Day dated(int year, int month, int day, LocalDate today, int used) {
    LocalDate d;
    try {
      d = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return new Impossible(
          "There is no "
              + day
              + " "
              + (month >= 1 && month <= 12 ? monthName(month) : "month " + month)
              + " "
              + year
              + ".",
          used);
    }
    if (d.isBefore(today)) {
      return new Impossible(
          d + " has already passed; pick a day ahead, e.g. `tomorrow 9am`.", used);
    }
    return new On(d, false, Optional.empty(), used);
  }

  private static String monthName(int month) {
    String name = Month.of(month).name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /** The weekday {@code d} in the (Monday to Sunday) week after this one. */
  static LocalDate nextWeek(LocalDate today, DayOfWeek d) {
    return today
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .plusWeeks(1)
        .with(TemporalAdjusters.nextOrSame(d));
  }

  private static Optional<Day> on(LocalDate date, int consumed) {
    return Optional.of(new On(date, false, Optional.empty(), consumed));
  }

  private static Day withConsumed(Day d, int consumed) {
    if (d instanceof On o) {
      return new On(o.date(), o.rolling(), o.weekday(), consumed);
    }
    if (d instanceof Either e) {
      return new Either(e.first(), e.second(), e.why(), consumed);
    }
    Impossible x = (Impossible) d;
    return new Impossible(x.problem(), consumed);
  }
}
