package dev.followupbot.core.when;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One-off moments: a length from now ({@code in 2h}, {@code 90 minutes from now}, {@code 2h30m}),
 * or a day, a time and a part of the day in any order ({@code 3pm tomorrow}, {@code at 9am on
 * saturday}, {@code tomorrow afternoon at 5}, {@code monday 2026-12-07}). Each of the three may be
 * said once; a second one ends the phrase, so that it shows up as a leftover and is refused.
 */
final class Moments {

  /** Nothing is kept further ahead than this. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private Moments() {}

  static WhenReading read(Words w, int start, WhenContext ctx) {
    if (w.is(start, "in") && !w.is(start + 1, "the")) {
      Optional<Spans.Span> span = Spans.read(w, start + 1);
      if (span.isEmpty()) {
        return new WhenReading.Refused(
            "I couldn't read how long after \"in\". Try `in 30m`, `in 2h`, `in an hour and a half`"
                + " or `in 3 days`.",
            1);
      }
      return relative(span.get(), 1 + span.get().consumed(), ctx);
    }
    Optional<Days.Day> fromToday = Days.read(w, start, ctx);
    if (fromToday.isEmpty()) {
      Optional<Spans.Span> span = Spans.read(w, start);
      if (span.isPresent()) {
        int after = start + span.get().consumed();
        if (w.startsWith(after, "from now")) {
          return relative(span.get(), span.get().consumed() + 2, ctx);
        }
        if (w.is(after, "later")) {
          return relative(span.get(), span.get().consumed() + 1, ctx);
        }
        Optional<WhenReading> bare = bareSpan(w, start, span.get(), ctx);
        if (bare.isPresent()) {
          return bare.get();
        }
      }
    }
    return composite(w, start, ctx);
  }

  /**
   * A length without "in": {@code 2h30m}, {@code 90m}, {@code 2 hours}. A lone {@code 15h} is also
   * a time of day in much of the world, so both readings are offered.
   */
  private static Optional<WhenReading> bareSpan(
      Words w, int start, Spans.Span span, WhenContext ctx) {
    String word = w.at(start);
    if (span.consumed() == 1 && word.matches("\\d{1,2}h")) {
      int hours = Integer.parseInt(word.substring(0, word.length() - 1));
      if (hours <= 23) {
        WhenReading later = relative(span, 1, ctx);
        Optional<Instant> clock = clockToday(LocalTime.of(hours, 0), ctx);
        if (later instanceof WhenReading.At in && clock.isPresent()) {
          return Optional.of(
              new WhenReading.Choice(
                  "\"" + word + "\" can be a length or a time of day",
                  List.of(
                      WhenReading.Option.of(in.at(), ctx.zone()),
                      WhenReading.Option.of(clock.get(), ctx.zone())),
                  1));
        }
      }
    }
    return Optional.of(relative(span, span.consumed(), ctx));
  }

  private static WhenReading relative(Spans.Span span, int consumed, WhenContext ctx) {
    if (span.isZero()) {
      return new WhenReading.Refused("That is no time at all. Try `in 15m`.", consumed);
    }
    return checked(span.after(ctx.now()).toInstant(), ctx, consumed);
  }

  private static WhenReading composite(Words w, int start, WhenContext ctx) {
    Days.Day day = null;
    Clocks.Clock clock = null;
    DayParts.Read part = null;
    int i = start;
    while (true) {
      if (part == null) {
        Optional<DayParts.Read> p = DayParts.read(w, i, ctx);
        if (p.isPresent()) {
          part = p.get();
          i += part.consumed();
          continue;
        }
      }
      if (clock == null) {
        boolean at = w.is(i, "at");
        Optional<Clocks.Clock> c = Clocks.read(w, at ? i + 1 : i, at);
        if (c.isPresent()) {
          clock = c.get();
          i += (at ? 1 : 0) + clock.consumed();
          continue;
        }
        if (at && day == null && part == null) {
          return new WhenReading.Refused(
              "I couldn't read the time after \"at\". Try `at 16:30`, `at 4pm` or `at noon`.", 1);
        }
      }
      Optional<Days.Day> d = Days.read(w, i, ctx);
      if (d.isPresent() && day == null) {
        day = d.get();
        i += day.consumed();
        continue;
      }
      if (d.isPresent() && weekdayAndDate(day, d.get())) {
        Optional<WhenReading> disagree = agree(day, d.get());
        if (disagree.isPresent()) {
          return disagree.get();
        }
        day = merged(day, d.get());
        i += d.get().consumed();
        continue;
      }
      break;
    }
    int consumed = i - start;
    if (consumed == 0) {
      return new WhenReading.NotATime();
    }
    return resolve(day, clock, part, ctx, consumed);
  }

  private static boolean weekdayAndDate(Days.Day a, Days.Day b) {
    return a instanceof Days.On x
        && b instanceof Days.On y
        && x.weekday().isPresent() != y.weekday().isPresent();
  }

  /** "monday 2026-12-08": the weekday and the date must agree. */
  private static Optional<WhenReading> agree(Days.Day a, Days.Day b) {
    Days.On x = (Days.On) a;
    Days.On y = (Days.On) b;
    DayOfWeek named = x.weekday().orElseGet(() -> y.weekday().orElseThrow());
    LocalDate date = x.weekday().isPresent() ? y.date() : x.date();
    if (date.getDayOfWeek() == named) {
      return Optional.empty();
    }
    LocalDate sameWeek =
        date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .with(TemporalAdjusters.nextOrSame(named));
    return Optional.of(
        new WhenReading.Refused(
            date.format(DAY)
                + " is a "
                + name(date.getDayOfWeek())
                + ", not a "
                + name(named)
                + ". Say one of them: `"
                + date
                + "` ("
                + date.format(DAY)
                + ") or `"
                + sameWeek
                + "` ("
                + sameWeek.format(DAY)
                + ").",
            0));
  }

  private static Days.Day merged(Days.Day a, Days.Day b) {
    Days.On x = (Days.On) a;
    Days.On y = (Days.On) b;
    Days.On date = x.weekday().isPresent() ? y : x;
    return new Days.On(date.date(), false, Optional.empty(), x.consumed() + y.consumed());
  }

  private static WhenReading resolve(
      Days.Day day, Clocks.Clock clock, DayParts.Read part, WhenContext ctx, int consumed) {
    if (day instanceof Days.Impossible impossible) {
      return new WhenReading.Refused(impossible.problem(), consumed);
    }
    DayParts.Part partOfDay = part == null ? null : part.part().orElse(null);
    Optional<LocalDate> partDay = part == null ? Optional.empty() : part.day();
    List<LocalDate> dates = new ArrayList<>();
    boolean rolling = false;
    boolean implicitDay = false;
    if (day instanceof Days.On on) {
      if (partDay.isPresent() && !partDay.get().equals(on.date())) {
        return new WhenReading.Refused(
            "The day is said twice, and differently. Say it once, e.g. `tomorrow evening`.",
            consumed);
      }
      dates.add(on.date());
      rolling = on.rolling();
    } else if (day instanceof Days.Either either) {
      dates.add(either.first());
      dates.add(either.second());
    } else if (partDay.isPresent()) {
      dates.add(partDay.get());
    } else {
      dates.add(ctx.now().toLocalDate());
      implicitDay = true;
    }
    List<LocalTime> times = new ArrayList<>();
    boolean midnight = clock != null && clock.kind() == Clocks.Kind.MIDNIGHT;
    if (midnight) {
      times.add(LocalTime.MIDNIGHT);
    } else if (clock != null) {
      if (part != null && part.end().isPresent()) {
        return new WhenReading.Refused(
            "Give a time or an end of day, not both, e.g. `tomorrow 17:00` or `tomorrow eod`.",
            consumed);
      }
      times.addAll(BareHours.readings(clock, ctx, partOfDay));
    } else if (part != null && part.end().isPresent()) {
      times.add(part.end().get());
    } else if (partOfDay != null) {
      times.add(partOfDay.time);
    } else {
      times.add(ctx.hours().start());
    }
    boolean onlyAClock = implicitDay && partOfDay == null && (part == null || part.end().isEmpty());
    Set<Instant> moments = new LinkedHashSet<>();
    for (LocalDate date : dates) {
      for (LocalTime time : times) {
        LocalDate d =
            midnight ? (implicitDay || partOfDay != null ? date.plusDays(1) : date) : date;
        Instant t = ZonedDateTime.of(d, time, ctx.zone()).toInstant();
        if (!t.isAfter(ctx.now().toInstant()) && (onlyAClock || rolling)) {
          t = ZonedDateTime.of(d.plusDays(rolling ? 7 : 1), time, ctx.zone()).toInstant();
        }
        moments.add(t);
        if (midnight && !implicitDay && partOfDay == null) {
          // "midnight on friday": the start of Friday, or its end?
          moments.add(ZonedDateTime.of(date.plusDays(1), time, ctx.zone()).toInstant());
        }
      }
    }
    List<Instant> ahead = new ArrayList<>();
    for (Instant t : moments) {
      if (t.isAfter(ctx.now().toInstant())) {
        ahead.add(t);
      }
    }
    if (ahead.isEmpty()) {
      Instant first = moments.iterator().next();
      return new WhenReading.Refused(
          "That time has already passed ("
              + WhenReading.Option.of(first, ctx.zone()).label()
              + "). Pick a later one, e.g. `tomorrow 9am`.",
          consumed);
    }
    if (ahead.size() == 1) {
      return checked(ahead.get(0), ctx, consumed);
    }
    List<WhenReading.Option> options = new ArrayList<>();
    for (Instant t : ahead) {
      if (Duration.between(ctx.now().toInstant(), t).compareTo(MAX_AHEAD) <= 0) {
        options.add(WhenReading.Option.of(t, ctx.zone()));
      }
    }
    if (options.size() == 1) {
      return checked(ahead.get(0), ctx, consumed);
    }
    String why =
        day instanceof Days.Either either
            ? either.why()
            : midnight
                ? "midnight can be the start or the end of the day"
                : "\""
                    + clock.hour()
                    + "\" without am or pm could be in the morning or in the afternoon";
    return new WhenReading.Choice(why, options, consumed);
  }

  private static Optional<Instant> clockToday(LocalTime time, WhenContext ctx) {
    ZonedDateTime t = ZonedDateTime.of(ctx.now().toLocalDate(), time, ctx.zone());
    if (!t.isAfter(ctx.now())) {
      t = ZonedDateTime.of(ctx.now().toLocalDate().plusDays(1), time, ctx.zone());
    }
    return Optional.of(t.toInstant());
  }

  static WhenReading checked(Instant at, WhenContext ctx, int consumed) {
    if (Duration.between(ctx.now().toInstant(), at).compareTo(MAX_AHEAD) > 0) {
      return new WhenReading.Refused(
          "That's more than a year ahead; I only keep reminders for up to a year.", consumed);
    }
    return new WhenReading.At(at, consumed);
  }

  private static String name(DayOfWeek d) {
    String n = d.name();
    return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
  }
}
