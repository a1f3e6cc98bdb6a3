package dev.followupbot.core.when;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of time as people type them: {@code 20m}, {@code 2h30m}, {@code 1.5 hours}, {@code an
 * hour and a half}, {@code half an hour}, {@code a couple of hours}, {@code 2 days}, {@code 1
 * month}. Seconds, minutes and hours are exact; days, weeks, months and years keep the wall-clock
 * time, so {@code in 2 days} at 10:00 is 10:00 even across a DST change.
 */
final class Spans {

  /** A length of calendar days and exact time, and how many words it took. */
  record Span(Period days, Duration exact, int consumed) {
    ZonedDateTime after(ZonedDateTime start) {
      return start.plus(days).plus(exact);
    }

    boolean isZero() {
      return days.isZero() && exact.isZero();
    }

    Span plus(Span other, int words) {
      return new Span(days.plus(other.days), exact.plus(other.exact), consumed + words);
    }
  }

  private enum Unit {
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH,
    YEAR
  }

  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("s", Unit.SECOND),
          Map.entry("sec", Unit.SECOND),
          Map.entry("secs", Unit.SECOND),
          Map.entry("second", Unit.SECOND),
          Map.entry("seconds", Unit.SECOND),
          Map.entry("m", Unit.MINUTE),
          Map.entry("min", Unit.MINUTE),
          Map.entry("mins", Unit.MINUTE),
          Map.entry("minute", Unit.MINUTE),
          Map.entry("minutes", Unit.MINUTE),
          Map.entry("h", Unit.HOUR),
          Map.entry("hr", Unit.HOUR),
          Map.entry("hrs", Unit.HOUR),
          Map.entry("hour", Unit.HOUR),
          Map.entry("hours", Unit.HOUR),
          Map.entry("d", Unit.DAY),
          Map.entry("day", Unit.DAY),
          Map.entry("days", Unit.DAY),
          Map.entry("w", Unit.WEEK),
          Map.entry("wk", Unit.WEEK),
          Map.entry("wks", Unit.WEEK),
          Map.entry("week", Unit.WEEK),
          Map.entry("weeks", Unit.WEEK),
          Map.entry("mo", Unit.MONTH),
          Map.entry("month", Unit.MONTH),
          Map.entry("months", Unit.MONTH),
          Map.entry("y", Unit.YEAR),
          Map.entry("yr", Unit.YEAR),
          Map.entry("year", Unit.YEAR),
          Map.entry("years", Unit.YEAR));

  private static final Pattern COMPACT_PIECE =
      Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?)([a-z]+)");

  private Spans() {}

  /** Whether {@code word} names a unit of time ({@code hours}, {@code min}, {@code weeks}). */
  static boolean isUnit(String word) {
    return UNITS.containsKey(word) && word.length() > 1;
  }

  /** Reads as many pieces of a length as follow {@code start}; empty if the first is not one. */
  static Optional<Span> read(Words w, int start) {
    Span total = new Span(Period.ZERO, Duration.ZERO, 0);
    int i = start;
    while (true) {
      Optional<Span> piece = piece(w, i);
      if (piece.isEmpty() && i > start && w.is(i, "and")) {
        piece = piece(w, i + 1).map(p -> new Span(p.days(), p.exact(), p.consumed() + 1));
      }
      if (piece.isEmpty()) {
        break;
      }
      total = total.plus(piece.get(), piece.get().consumed());
      i += piece.get().consumed();
    }
    return i == start ? Optional.empty() : Optional.of(total);
  }

  /**
   * One piece: {@code 2h30m}, {@code 2 hours}, {@code an hour and a half}, {@code half an hour}.
   */
  private static Optional<Span> piece(Words w, int i) {
    String word = w.at(i);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    Optional<Span> compact = compact(word);
    if (compact.isPresent()) {
      return compact;
    }
    if (word.equals("half") && w.is(i + 1, "a", "an") && UNITS.containsKey(w.at(i + 2))) {
      return of(0.5, UNITS.get(w.at(i + 2)), 3);
    }
    if (w.startsWith(i, "a couple of") || w.startsWith(i, "couple of")) {
      int skip = word.equals("a") ? 3 : 2;
      Unit unit = UNITS.get(w.at(i + skip));
      return unit == null ? Optional.empty() : of(2, unit, skip + 1);
    }
    Optional<Double> count = Numbers.count(word);
    if (count.isEmpty()) {
      return Optional.empty();
    }
    if (w.startsWith(i + 1, "and a half") && UNITS.containsKey(w.at(i + 4))) {
      return of(count.get() + 0.5, UNITS.get(w.at(i + 4)), 5);
    }
    Unit unit = UNITS.get(w.at(i + 1));
    if (unit == null || w.at(i + 1).length() == 1 && !word.matches("\\d+")) {
      return Optional.empty();
    }
    if (w.startsWith(i + 2, "and a half")) {
      return of(count.get() + 0.5, unit, 5);
    }
    return of(count.get(), unit, 2);
  }

  private static Optional<Span> compact(String word) {
    Matcher m = COMPACT_PIECE.matcher(word);
    Span total = new Span(Period.ZERO, Duration.ZERO, 1);
    int end = 0;
    while (m.find() && m.start() == end) {
      Unit unit = UNITS.get(m.group(2));
      if (unit == null) {
        return Optional.empty();
      }
      Optional<Span> piece = of(Double.parseDouble(m.group(1)), unit, 0);
      if (piece.isEmpty()) {
        return Optional.empty();
      }
      total = total.plus(piece.get(), 0);
      end = m.end();
    }
    return end == word.length() && end > 0 ? Optional.of(total) : Optional.empty();
  }

  private static Optional<Span> of(double count, Unit unit, int consumed) {
    if (count < 0 || count > 100_000) {
      return Optional.empty();
    }
    long whole = (long) Math.floor(count);
    double fraction = count - whole;
    switch (unit) {
      case SECOND:
        return exact(Duration.ofMillis(Math.round(count * 1000)), consumed);
      case MINUTE:
        return exact(Duration.ofSeconds(Math.round(count * 60)), consumed);
      case HOUR:
        return exact(Duration.ofSeconds(Math.round(count * 3600)), consumed);
      case DAY:
        return Optional.of(
            new Span(
                Period.ofDays((int) whole),
                Duration.ofSeconds(Math.round(fraction * 86400)),
                consumed));
      case WEEK:
        double days = count * 7;
        long wholeDays = (long) Math.floor(days);
        return Optional.of(
            new Span(
                Period.ofDays((int) wholeDays),
                Duration.ofSeconds(Math.round((days - wholeDays) * 86400)),
                consumed));
      case MONTH:
        return fraction == 0
            ? Optional.of(new Span(Period.ofMonths((int) whole), Duration.ZERO, consumed))
            : Optional.empty();
      case YEAR:
        return fraction == 0
            ? Optional.of(new Span(Period.ofYears((int) whole), Duration.ZERO, consumed))
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static Optional<Span> exact(Duration d, int consumed) {
    return Optional.of(new Span(Period.ZERO, d, consumed));
  }
}
