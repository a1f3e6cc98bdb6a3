package dev.followupbot.core.when;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Parts of the day and the ends of things, each with one documented time: {@code morning} 09:00,
 * {@code afternoon} 14:00, {@code evening} 18:00, {@code tonight} 20:00; {@code eod}, {@code cob},
 * {@code end of day} the end of the person's working hours; {@code end of week} and {@code end of
 * month} the end of working hours on the last working day of the week or month.
 */
final class DayParts {

  /** A part of the day: its own time, and which half of the day a bare hour in it means. */
  enum Part {
    MORNING(LocalTime.of(9, 0), false),
    AFTERNOON(LocalTime.of(14, 0), true),
    EVENING(LocalTime.of(18, 0), true),
    NIGHT(LocalTime.of(20, 0), true);

    final LocalTime time;
    final boolean afternoonHalf;

    Part(LocalTime time, boolean afternoonHalf) {
      this.time = time;
      this.afternoonHalf = afternoonHalf;
    }
  }

  /**
   * What the words said: a part of the day ({@code part}), or an end with its time ({@code end}),
   * and the day it implies, if any ({@code this morning} is today, {@code end of month} a date).
   */
  record Read(
      Optional<Part> part, Optional<LocalTime> end, Optional<LocalDate> day, int consumed) {}

  private DayParts() {}

  static Optional<Read> read(Words w, int i, WhenContext ctx) {
    LocalDate today = ctx.now().toLocalDate();
    if (w.is(i, "tonight")) {
      return part(Part.NIGHT, Optional.of(today), 1);
    }
    if (w.startsWith(i, "at night")) {
      return part(Part.NIGHT, Optional.empty(), 2);
    }
    boolean thisOne = w.is(i, "this");
    boolean inThe = w.startsWith(i, "in the");
    int k = thisOne ? i + 1 : inThe ? i + 2 : i;
    Optional<Part> part = named(w.at(k));
    if (part.isPresent()) {
      return part(part.get(), thisOne ? Optional.of(today) : Optional.empty(), k + 1 - i);
    }
    LocalTime end = ctx.hours().end();
    for (String form :
        new String[] {
          "end of the business day",
          "end of business day",
          "end of the working day",
          "end of the day",
          "end of day",
          "close of business",
          "end of business",
          "eod",
          "cob",
          "eob"
        }) {
      int used = matches(w, i, form);
      if (used > 0) {
        return Optional.of(new Read(Optional.empty(), Optional.of(end), Optional.empty(), used));
      }
    }
    for (String form : new String[] {"end of the week", "end of week", "eow"}) {
      int used = matches(w, i, form);
      if (used > 0) {
        LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        return Optional.of(
            new Read(
                Optional.empty(),
                Optional.of(end),
                Optional.of(lastWorkingDay(sunday, today, ctx)),
                used));
      }
    }
    for (String form : new String[] {"end of the month", "end of month", "eom"}) {
      int used = matches(w, i, form);
      if (used > 0) {
        LocalDate last = today.with(TemporalAdjusters.lastDayOfMonth());
        return Optional.of(
            new Read(
                Optional.empty(),
                Optional.of(end),
                Optional.of(lastWorkingDay(last, today, ctx)),
                used));
      }
    }
    return Optional.empty();
  }

  /** Words taken by {@code form} at {@code i}, with an optional leading "by" or "at"; 0 if not. */
  private static int matches(Words w, int i, String form) {
    int lead = w.is(i, "by", "at") ? 1 : 0;
    return w.startsWith(i + lead, form) ? lead + form.split(" ").length : 0;
  }

  private static Optional<Part> named(String word) {
    switch (word) {
      case "morning":
        return Optional.of(Part.MORNING);
      case "afternoon":
        return Optional.of(Part.AFTERNOON);
      case "evening":
        return Optional.of(Part.EVENING);
      case "night":
        return Optional.of(Part.NIGHT);
      default:
        return Optional.empty();
    }
  }

  /** The last working day on or before {@code last}, but not before today. */
  private static LocalDate lastWorkingDay(LocalDate last, LocalDate today, WhenContext ctx) {
    LocalDate d = last;
    while (d.isAfter(today) && !ctx.hours().days().contains(d.getDayOfWeek())) {
      d = d.minusDays(1);
    }
    return d;
  }

  private static Optional<Read> part(Part p, Optional<LocalDate> day, int consumed) {
    return Optional.of(new Read(Optional.of(p), Optional.empty(), day, consumed));
  }
}
