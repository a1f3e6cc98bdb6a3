package dev.followupbot.core.when;

import dev.followupbot.core.domain.Recurrence;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Repeating phrases: {@code every day}, {@code every weekday}, {@code every monday and thursday},
 * {@code on fridays}, {@code every other week}, {@code every month on the 1st}, {@code every first
 * monday}, {@code every last friday}, {@code every year on 24 december}, each with an optional time
 * before or after ({@code at 9am every day}, {@code every monday 9am}) and {@code skip holidays}. A
 * repeating phrase that is not one of these is refused, never read as a one-off.
 */
final class Repeats {

  static final String FORMS =
      "I can repeat `every day`, `every weekday`, `every monday` (or `every monday and thursday`),"
          + " `every other week`, `every month on the 1st`, `every first monday`, `every last friday`"
          + " and `every year on 24 december`, each with `at <time>`.";

  /** A rule without its time yet, and the words it took. */
  private record Pattern(Recurrence rule, int consumed) {}

  private Repeats() {}

  /** Whether the phrase at {@code i} starts like a repeating one. */
  static boolean starts(Words w, int i) {
    int k = w.is(i, "at") ? i + 1 : i;
    Optional<Clocks.Clock> clock = Clocks.read(w, k, k > i);
    if (clock.isPresent()) {
      k += clock.get().consumed();
    }
    String word = w.at(k);
    return word.equals("every")
        || word.equals("each")
        || word.equals("daily")
        || word.equals("weekly")
        || word.equals("monthly")
        || word.equals("yearly")
        || word.equals("annually")
        || word.equals("fortnightly")
        || word.equals("biweekly")
        || word.equals("bimonthly")
        || word.equals("weekdays")
        || (word.equals("on")
            && (w.is(k + 1, "weekdays") || Days.weekdays(w.at(k + 1)).isPresent()))
        || Days.weekdays(word).isPresent();
  }

  static WhenReading read(Words w, int start, WhenContext ctx) {
    int i = start;
    Clocks.Clock clock = null;
    boolean skipHolidays = false;
    Pattern pattern = null;
    DayParts.Part part = null;
    while (true) {
      if (clock == null) {
        boolean at = w.is(i, "at");
        Optional<Clocks.Clock> c = Clocks.read(w, at ? i + 1 : i, at);
        if (c.isPresent()) {
          clock = c.get();
          i += (at ? 1 : 0) + clock.consumed();
          continue;
        }
      }
      if (pattern == null) {
        if (w.is(i, "biweekly", "bimonthly")) {
          return new WhenReading.Refused(
              "\""
                  + w.at(i)
                  + "\" can mean twice a "
                  + (w.at(i).equals("biweekly") ? "week" : "month")
                  + " or every two; say `every other week` or `every monday and thursday`.",
              1);
        }
        Optional<Pattern> p = pattern(w, i, ctx);
        if (p.isEmpty()) {
          if (w.is(i, "every", "each")) {
            return new WhenReading.Refused(
                "I can't repeat \"" + phrase(w, i, 3) + "\". " + FORMS, 1);
          }
          break;
        }
        pattern = p.get();
        i += pattern.consumed();
        continue;
      }
      if (!skipHolidays) {
        int used = holidays(w, i);
        if (used > 0) {
          skipHolidays = true;
          i += used;
          continue;
        }
      }
      if (part == null) {
        Optional<DayParts.Read> p = DayParts.read(w, i, ctx);
        if (p.isPresent() && p.get().part().isPresent() && p.get().day().isEmpty()) {
          part = p.get().part().get();
          i += p.get().consumed();
          continue;
        }
      }
      break;
    }
    int consumed = i - start;
    if (pattern == null) {
      return new WhenReading.NotATime();
    }
    List<LocalTime> times;
    if (clock == null) {
      times = List.of(part != null ? part.time : ctx.hours().start());
    } else if (clock.kind() == Clocks.Kind.MIDNIGHT) {
      times = List.of(LocalTime.MIDNIGHT);
    } else {
      times = BareHours.readings(clock, ctx, part);
    }
    List<WhenReading.Repeats> readings = new ArrayList<>();
    for (LocalTime t : times) {
      Recurrence rule = pattern.rule().at(t);
      Optional<Instant> first = rule.next(ctx.now().toInstant(), ctx.zone(), d -> false);
      if (first.isEmpty()) {
        return new WhenReading.Refused(
            "That never comes in the next three years. " + FORMS, consumed);
      }
      readings.add(new WhenReading.Repeats(rule, skipHolidays, first.get(), consumed));
    }
    if (readings.size() == 1) {
      return readings.get(0);
    }
    List<WhenReading.Option> options = new ArrayList<>();
    for (WhenReading.Repeats r : readings) {
      options.add(new WhenReading.Option(r.rule().describe(), r.phrase()));
    }
    return new WhenReading.Choice(
        "\"" + clock.hour() + "\" without am or pm could be in the morning or in the afternoon",
        options,
        consumed);
  }

  private static int holidays(Words w, int i) {
    for (String form :
        new String[] {
          "skip holidays",
          "skipping holidays",
          "except holidays",
          "except on holidays",
          "excluding holidays",
          "not on holidays",
          "but not on holidays"
        }) {
      if (w.startsWith(i, form)) {
        return form.split(" ").length;
      }
    }
    return 0;
  }

  private static Optional<Pattern> pattern(Words w, int i, WhenContext ctx) {
    LocalDate today = ctx.now().toLocalDate();
    String word = w.at(i);
    LocalTime placeholder = LocalTime.of(9, 0);
    switch (word) {
      case "daily":
        return Optional.of(new Pattern(new Recurrence.Daily(placeholder), 1));
      case "weekdays":
        return weekdays(1);
      case "weekly":
        return weekly(w, i + 1, 1, today, 1);
      case "fortnightly":
        return weekly(w, i + 1, 2, today, 1);
      case "monthly":
        return monthly(w, i + 1, today, 1);
      case "yearly":
      case "annually":
        return yearly(w, i + 1, today, 1);
      case "on":
        if (w.is(i + 1, "weekdays")) {
          return weekdays(2);
        }
        return dayList(w, i + 1, true).map(d -> weeklyOn(d.days, 1, today, d.consumed + 1));
      case "every":
      case "each":
        return every(w, i + 1, today, ctx).map(p -> new Pattern(p.rule(), p.consumed() + 1));
      default:
        return dayList(w, i, true).map(d -> weeklyOn(d.days, 1, today, d.consumed));
    }
  }

  private static Optional<Pattern> every(Words w, int i, LocalDate today, WhenContext ctx) {
    String word = w.at(i);
    LocalTime placeholder = LocalTime.of(9, 0);
    if (word.equals("day")) {
      return Optional.of(new Pattern(new Recurrence.Daily(placeholder), 1));
    }
    for (String form : new String[] {"weekday", "working day", "workday", "business day"}) {
      if (w.startsWith(i, form)) {
        return weekdays(form.split(" ").length);
      }
    }
    if (word.equals("week")) {
      return weekly(w, i + 1, 1, today, 1);
    }
    if (word.equals("other")) {
      if (w.is(i + 1, "week")) {
        return weekly(w, i + 2, 2, today, 2);
      }
      return dayList(w, i + 1, false).map(d -> weeklyOn(d.days, 2, today, d.consumed + 1));
    }
    Optional<Integer> n = Numbers.whole(word);
    if (n.isPresent() && w.is(i + 1, "weeks") && n.get() >= 2 && n.get() <= 4) {
      return weekly(w, i + 2, n.get(), today, 2);
    }
    if (word.equals("month")) {
      return monthly(w, i + 1, today, 1);
    }
    if (word.equals("year")) {
      return yearly(w, i + 1, today, 1);
    }
    Optional<Integer> nth = Numbers.weekOrdinal(word);
    if (nth.isPresent() && nth.get() <= 4) {
      Optional<DayOfWeek> d = Days.weekday(w.at(i + 1));
      if (d.isPresent()) {
        int used = 2 + ofTheMonth(w, i + 2);
        return Optional.of(
            new Pattern(new Recurrence.MonthlyNth(nth.get(), d.get(), placeholder), used));
      }
      Optional<Integer> day = Numbers.dayOrdinal(word);
      if (day.isPresent()) {
        return Optional.of(
            new Pattern(
                new Recurrence.MonthlyOnDay(day.get(), placeholder), 1 + ofTheMonth(w, i + 1)));
      }
    }
    Optional<Integer> day = Numbers.dayOrdinal(word);
    if (day.isPresent() && ofTheMonth(w, i + 1) > 0) {
      return Optional.of(
          new Pattern(
              new Recurrence.MonthlyOnDay(day.get(), placeholder), 1 + ofTheMonth(w, i + 1)));
    }
    Optional<Pattern> date = yearlyDate(w, i, ctx);
    if (date.isPresent()) {
      return date;
    }
    return dayList(w, i, false).map(d -> weeklyOn(d.days, 1, today, d.consumed));
  }

  /** "of the month", "of every month", "of each month": how many words. */
  private static int ofTheMonth(Words w, int i) {
    for (String form :
        new String[] {"of the month", "of every month", "of each month", "of month"}) {
      if (w.startsWith(i, form)) {
        return form.split(" ").length;
      }
    }
    return 0;
  }

  private static Optional<Pattern> weekdays(int consumed) {
    return Optional.of(
        new Pattern(
            new Recurrence.Weekly(
                Recurrence.Weekly.WORKING_WEEK, 1, LocalDate.EPOCH, LocalTime.of(9, 0)),
            consumed));
  }

  /** "weekly", "every week on friday", "every other week on monday and thursday". */
  private static Optional<Pattern> weekly(Words w, int i, int every, LocalDate today, int used) {
    if (w.is(i, "on")) {
      Optional<DayList> days = dayList(w, i + 1, false);
      if (days.isPresent()) {
        return Optional.of(weeklyOn(days.get().days, every, today, used + 1 + days.get().consumed));
      }
    }
    return Optional.of(weeklyOn(EnumSet.of(today.getDayOfWeek()), every, today, used));
  }

  /** Every {@code every} weeks counted from the first of the days from today on. */
  private static Pattern weeklyOn(Set<DayOfWeek> days, int every, LocalDate today, int used) {
    LocalDate from = today;
    while (!days.contains(from.getDayOfWeek())) {
      from = from.plusDays(1);
    }
    return new Pattern(new Recurrence.Weekly(days, every, from, LocalTime.of(9, 0)), used);
  }

  /** "monthly", "every month on the 15th", "every month on the first monday". */
  private static Optional<Pattern> monthly(Words w, int i, LocalDate today, int used) {
    LocalTime placeholder = LocalTime.of(9, 0);
    int k = i;
    if (w.is(k, "on")) {
      k++;
    }
    if (w.is(k, "the")) {
      k++;
    }
    if (k > i) {
      Optional<Integer> day = Numbers.dayOrdinal(w.at(k));
      Optional<Integer> nth = Numbers.weekOrdinal(w.at(k));
      Optional<DayOfWeek> weekday = Days.weekday(w.at(k + 1));
      if (nth.isPresent() && nth.get() <= 4 && weekday.isPresent()) {
        return Optional.of(
            new Pattern(
                new Recurrence.MonthlyNth(nth.get(), weekday.get(), placeholder),
                used + k - i + 2));
      }
      if (day.isPresent()) {
        return Optional.of(
            new Pattern(new Recurrence.MonthlyOnDay(day.get(), placeholder), used + k - i + 1));
      }
      return Optional.empty();
    }
    return Optional.of(
        new Pattern(new Recurrence.MonthlyOnDay(today.getDayOfMonth(), placeholder), used));
  }

  /** "yearly", "every year on 24 december". */
  private static Optional<Pattern> yearly(Words w, int i, LocalDate today, int used) {
    if (w.is(i, "on")) {
      Optional<Pattern> date = yearlyDate(w, i + 1, null);
      return date.map(p -> new Pattern(p.rule(), used + 1 + p.consumed()));
    }
    Optional<Pattern> date = yearlyDate(w, i, null);
    if (date.isPresent()) {
      return date.map(p -> new Pattern(p.rule(), used + p.consumed()));
    }
    return Optional.of(
        new Pattern(new Recurrence.Yearly(MonthDay.from(today), LocalTime.of(9, 0)), used));
  }

  /** "24 december", "december 24th", "24.12.": a date without a year. */
  private static Optional<Pattern> yearlyDate(Words w, int i, WhenContext ignored) {
    String first = w.at(i);
    String second = w.at(i + 1);
    Integer day = null;
    java.time.Month month = null;
    int used = 0;
    if (Days.MONTHS.containsKey(first) && second.matches("\\d{1,2}(st|nd|rd|th)?")) {
      month = Days.MONTHS.get(first);
      day = Integer.parseInt(second.replaceAll("\\D", ""));
      used = 2;
    } else if (first.matches("\\d{1,2}(st|nd|rd|th)?")) {
      int k = w.is(i + 1, "of") ? i + 2 : i + 1;
      if (Days.MONTHS.containsKey(w.at(k))) {
        month = Days.MONTHS.get(w.at(k));
        day = Integer.parseInt(first.replaceAll("\\D", ""));
        used = k + 1 - i;
      }
    } else if (first.matches("\\d{1,2}\\.\\d{1,2}\\.")) {
      String[] parts = first.split("\\.");
      day = Integer.parseInt(parts[0]);
      int m = Integer.parseInt(parts[1]);
      if (m >= 1 && m <= 12) {
        month = java.time.Month.of(m);
        used = 1;
      }
    }
    if (month == null || day < 1 || day > month.maxLength()) {
      return Optional.empty();
    }
    return Optional.of(
        new Pattern(new Recurrence.Yearly(MonthDay.of(month, day), LocalTime.of(9, 0)), used));
  }

  private record DayList(Set<DayOfWeek> days, int consumed) {}

  /** "monday", "monday and thursday", "mon, wed, fri", "mondays and thursdays". */
  private static Optional<DayList> dayList(Words w, int i, boolean pluralOnly) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    int k = i;
    while (true) {
      String word = w.at(k);
      Optional<DayOfWeek> d =
          Days.weekdays(word).or(() -> pluralOnly ? Optional.empty() : Days.weekday(word));
      if (d.isEmpty()) {
        if (pluralOnly && !days.isEmpty()) {
          d = Days.weekday(word);
        }
        if (d.isEmpty()) {
          break;
        }
      }
      days.add(d.get());
      k++;
      if (w.is(k, "and", "&", "+")
          && (Days.weekday(w.at(k + 1)).isPresent() || Days.weekdays(w.at(k + 1)).isPresent())) {
        k++;
      }
    }
    return days.isEmpty() ? Optional.empty() : Optional.of(new DayList(days, k - i));
  }

  private static String phrase(Words w, int i, int n) {
    List<String> out = new ArrayList<>();
    for (int k = i; k < i + n && !w.at(k).isEmpty(); k++) {
      out.add(w.at(k));
    }
    return String.join(" ", out);
  }
}
