package dev.followupbot.core.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * When a recurring reminder comes back: on which days, at which wall-clock time. Occurrences are
 * local times in the series' zone, so 09:00 stays 09:00 across DST changes (a time that a change
 * skips moves forward by the gap). {@link #text()} is the stored form and {@link #describe()} is a
 * phrase the {@code remind} grammar reads back to the same rule.
 */
public sealed interface Recurrence {

  /** How far ahead the next occurrence is looked for. */
  int HORIZON_DAYS = 3 * 366;

  LocalTime at();

  /** Whether {@code day} is one of the rule's days (before holidays are skipped). */
  boolean fallsOn(LocalDate day);

  /** The stored form, read back by {@link #parse}. */
  String text();

  /** "every Monday and Thursday at 09:00". */
  String describe();

  /** The same days at another time. */
  Recurrence at(LocalTime time);

  /**
   * The first occurrence strictly after {@code after}, in {@code zone}, on a day {@code skip} does
   * not reject; empty if there is none within three years.
   */
  default Optional<Instant> next(Instant after, ZoneId zone, Predicate<LocalDate> skip) {
    LocalDate day = after.atZone(zone).toLocalDate();
    for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
      if (!fallsOn(day) || skip.test(day)) {
        continue;
      }
      Instant t = ZonedDateTime.of(day, at(), zone).toInstant();
      if (t.isAfter(after)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Every day. */
  record Daily(LocalTime at) implements Recurrence {
    public Daily {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean fallsOn(LocalDate day) {
      return true;
    }

    @Override
    public String text() {
      return "daily " + at;
    }

    @Override
    public String describe() {
      return "every day at " + at;
    }

    @Override
    public Recurrence at(LocalTime time) {
      return new Daily(time);
    }
  }

  /**
   * On some weekdays, every week or every {@code everyWeeks} weeks counted from the week of {@code
   * from}.
   */
  record Weekly(Set<DayOfWeek> days, int everyWeeks, LocalDate from, LocalTime at)
      implements Recurrence {
    public static final Set<DayOfWeek> WORKING_WEEK =
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    public Weekly {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(at, "at");
      if (days.isEmpty()) {
        throw new IllegalArgumentException("a weekly rule needs a day");
      }
      if (everyWeeks < 1 || everyWeeks > 4) {
        throw new IllegalArgumentException("every 1 to 4 weeks");
      }
      days = Set.copyOf(EnumSet.copyOf(days));
      if (everyWeeks == 1) {
        from = LocalDate.EPOCH; // every week: no week to count from
      }
    }

    @Override
    public boolean fallsOn(LocalDate day) {
      if (!days.contains(day.getDayOfWeek())) {
        return false;
      }
      if (everyWeeks == 1) {
        return true;
      }
      LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      LocalDate startMonday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      long weeks = ChronoUnit.WEEKS.between(startMonday, monday);
      return weeks >= 0 && weeks % everyWeeks == 0;
    }

    @Override
    public String text() {
      StringBuilder s = new StringBuilder("weekly ");
      List<String> names = new ArrayList<>();
      new TreeSet<>(days).forEach(d -> names.add(d.name().substring(0, 3)));
      s.append(String.join(",", names));
      if (everyWeeks > 1) {
        s.append(" every ").append(everyWeeks).append(" from ").append(from);
      }
      return s.append(' ').append(at).toString();
    }

    @Override
    public String describe() {
      if (everyWeeks == 1 && days.equals(WORKING_WEEK)) {
        return "every weekday at " + at;
      }
      List<String> names = new ArrayList<>();
      new TreeSet<>(days).forEach(d -> names.add(dayName(d)));
      String list = joinAnd(names);
      if (everyWeeks == 1) {
        return "every " + list + " at " + at;
      }
      return (everyWeeks == 2 ? "every other week" : "every " + everyWeeks + " weeks")
          + " on "
          + list
          + " at "
          + at;
    }

    @Override
    public Recurrence at(LocalTime time) {
      return new Weekly(days, everyWeeks, from, time);
    }
  }

  /** On one day of every month; the 29th to 31st fall on the last day of shorter months. */
  record MonthlyOnDay(int day, LocalTime at) implements Recurrence {
    public MonthlyOnDay {
      Objects.requireNonNull(at, "at");
      if (day < 1 || day > 31) {
        throw new IllegalArgumentException("a day of the month is 1 to 31");
      }
    }

    @Override
    public boolean fallsOn(LocalDate date) {
      return date.getDayOfMonth() == Math.min(day, date.lengthOfMonth());
    }

    @Override
    public String text() {
      return "monthly " + day + " " + at;
    }

    @Override
    public String describe() {
      return "every month on the " + ordinal(day) + " at " + at;
    }

    @Override
    public Recurrence at(LocalTime time) {
      return new MonthlyOnDay(day, time);
    }
  }

  /** On the first to fourth, or the last ({@code -1}), weekday of every month. */
  record MonthlyNth(int nth, DayOfWeek weekday, LocalTime at) implements Recurrence {
    public MonthlyNth {
      Objects.requireNonNull(weekday, "weekday");
      Objects.requireNonNull(at, "at");
      if (nth != -1 && (nth < 1 || nth > 4)) {
        throw new IllegalArgumentException("the first to fourth, or the last");
      }
    }

    @Override
    public boolean fallsOn(LocalDate date) {
      LocalDate wanted =
          nth == -1
              ? date.with(TemporalAdjusters.lastInMonth(weekday))
              : date.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
      return wanted.equals(date);
    }

    @Override
    public String text() {
      return "monthly " + (nth == -1 ? "last" : Integer.toString(nth)) + " " + weekday + " " + at;
    }

    @Override
    public String describe() {
      String which =
          switch (nth) {
            case -1 -> "last";
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> "fourth";
          };
      return "every " + which + " " + dayName(weekday) + " at " + at;
    }

    @Override
    public Recurrence at(LocalTime time) {
      return new MonthlyNth(nth, weekday, time);
    }
  }

  /** On one date every year; 29 February falls on the 28th in other years. */
  record Yearly(MonthDay date, LocalTime at) implements Recurrence {
    public Yearly {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean fallsOn(LocalDate day) {
      return date.isValidYear(day.getYear())
          ? date.atYear(day.getYear()).equals(day)
          : day.getMonthValue() == 2 && day.getDayOfMonth() == 28;
    }

    @Override
    public String text() {
      return "yearly " + date + " " + at;
    }

    @Override
    public String describe() {
      return "every year on "
          + date.getDayOfMonth()
          + " "
          + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
          + " at "
          + at;
    }

    @Override
    public Recurrence at(LocalTime time) {
      return new Yearly(date, time);
    }
  }

  /** Reads a stored {@link #text()} back. */
  public static Recurrence parse(String text) {
    String[] w = text.strip().split(" ");
    LocalTime at = LocalTime.parse(w[w.length - 1]);
    switch (w[0]) {
      case "daily":
        return new Daily(at);
      case "weekly":
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : w[1].split(",")) {
          days.add(day(d));
        }
        if (w.length == 7) {
          return new Weekly(days, Integer.parseInt(w[3]), LocalDate.parse(w[5]), at);
        }
        return new Weekly(days, 1, LocalDate.EPOCH, at);
      case "monthly":
        if (w.length == 4) {
          int nth = w[1].equals("last") ? -1 : Integer.parseInt(w[1]);
          return new MonthlyNth(nth, DayOfWeek.valueOf(w[2]), at);
        }
        return new MonthlyOnDay(Integer.parseInt(w[1]), at);
      case "yearly":
        return new Yearly(MonthDay.parse(w[1]), at);
      default:
        throw new IllegalArgumentException("not a recurrence: " + text);
    }
  }

  private static DayOfWeek day(String abbreviation) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(abbreviation)) {
        return d;
      }
    }
    throw new IllegalArgumentException("not a weekday: " + abbreviation);
  }

  /** "Monday". */
  static String dayName(DayOfWeek d) {
    return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  /** "1st", "22nd", "13th". */
  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  private static String joinAnd(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
