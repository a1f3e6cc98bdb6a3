package dev.followupbot.core.command;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when something should happen, in the speaker's own time zone: {@code in 15m}, {@code
 * tomorrow 9am}, {@code monday 14:00}, {@code at 16:30}, {@code 2026-12-01 10:00}, {@code next
 * week}. A date without a time means 9:00; a time of day that has passed today means tomorrow.
 * Explicit moments in the past are refused, never silently moved.
 */
final class WhenParser {

  /** What reading a time expression gave. */
  sealed interface Result {}

  /** A moment, and how many words described it. */
  record Found(Instant at, int consumed) implements Result {}

  /** The words do not start a time expression at all. */
  record NotATime() implements Result {}

  /** The words are a time expression, but not a usable one (in the past, too far ahead). */
  record Invalid(String problem) implements Result {}

  static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  private static final Pattern CLOCK =
      Pattern.compile("(\\d{1,2})(?:[:.](\\d{2}))?(am|pm|a\\.m\\.|p\\.m\\.)?");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private WhenParser() {}

  /** Reads a time expression starting at {@code start}. */
  static Result parse(List<String> words, int start, ZonedDateTime now) {
    if (start >= words.size()) {
      return new NotATime();
    }
    String first = lower(words.get(start));
    LocalDate today = now.toLocalDate();

    if (first.equals("in")) {
      Optional<Durations.Span> span = Durations.parse(words, start + 1);
      if (span.isEmpty()) {
        return new Invalid(
            "I couldn't read how long after \"in\". Try `in 30m`, `in 2h` or `in 3d`.");
      }
      return relative(now, span.get().duration(), 1 + span.get().consumed());
    }
    if (first.equals("tomorrow") || first.equals("today") || first.equals("tonight")) {
      LocalDate date = first.equals("tomorrow") ? today.plusDays(1) : today;
      LocalTime fallback = first.equals("tonight") ? LocalTime.of(20, 0) : DEFAULT_TIME;
      return onDate(words, start, 1, date, fallback, now, true);
    }
    if (first.equals("next") && start + 1 < words.size()) {
      String second = lower(words.get(start + 1));
      if (second.equals("week")) {
        LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return onDate(words, start, 2, monday, DEFAULT_TIME, now, true);
      }
      Optional<DayOfWeek> day = weekday(second);
      if (day.isPresent()) {
        return onDate(
            words,
            start,
            2,
            today.with(TemporalAdjusters.next(day.get())),
            DEFAULT_TIME,
            now,
            true);
      }
    }
    Optional<DayOfWeek> day = weekday(first);
    if (day.isPresent()) {
      LocalDate date = today.with(TemporalAdjusters.nextOrSame(day.get()));
      Result sameDay = onDate(words, start, 1, date, DEFAULT_TIME, now, false);
      if (sameDay instanceof Found found && !found.at().isAfter(now.toInstant())) {
        return onDate(words, start, 1, date.plusWeeks(1), DEFAULT_TIME, now, true);
      }
      return sameDay;
    }
    if (ISO_DATE.matcher(first).matches()) {
      try {
        return onDate(words, start, 1, LocalDate.parse(first), DEFAULT_TIME, now, true);
      } catch (DateTimeParseException e) {
        return new Invalid(
            "\"" + words.get(start) + "\" is not a date I know. Dates look like 2026-12-01.");
      }
    }
    boolean explicitAt = first.equals("at");
    int timeStart = explicitAt ? start + 1 : start;
    Optional<TimeOfDay> time = timeOfDay(words, timeStart, explicitAt);
    if (time.isPresent()) {
      ZonedDateTime candidate = at(today, time.get().time(), now);
      if (!candidate.isAfter(now)) {
        candidate = at(today.plusDays(1), time.get().time(), now);
      }
      return checked(candidate.toInstant(), now, (timeStart - start) + time.get().consumed());
    }
    if (explicitAt) {
      return new Invalid("I couldn't read the time after \"at\". Try `at 16:30` or `at 4pm`.");
    }
    return new NotATime();
  }

  /** Reads a snooze length: a bare duration ({@code 20m}) or any time expression. */
  static Result parseSnooze(List<String> words, int start, ZonedDateTime now) {
    Optional<Durations.Span> span = Durations.parse(words, start);
    if (span.isPresent()) {
      return relative(now, span.get().duration(), span.get().consumed());
    }
    if (start < words.size() && lower(words.get(start)).equals("until")) {
      Result r = parse(words, start + 1, now);
      return r instanceof Found f ? new Found(f.at(), f.consumed() + 1) : r;
    }
    return parse(words, start, now);
  }

  private static Result relative(ZonedDateTime now, Duration duration, int consumed) {
    if (duration.isZero() || duration.isNegative()) {
      return new Invalid("That is no time at all. Try `in 15m`.");
    }
    if (duration.compareTo(MAX_AHEAD) > 0) {
      return tooFar();
    }
    return new Found(now.toInstant().plus(duration), consumed);
  }

  private static Result onDate(
      List<String> words,
      int start,
      int dateWords,
      LocalDate date,
      LocalTime fallback,
      ZonedDateTime now,
      boolean refusePast) {
    int i = start + dateWords;
    boolean explicitAt = i < words.size() && lower(words.get(i)).equals("at");
    int timeStart = explicitAt ? i + 1 : i;
    Optional<TimeOfDay> time = timeOfDay(words, timeStart, true);
    if (explicitAt && time.isEmpty()) {
      return new Invalid("I couldn't read the time after \"at\". Try `tomorrow at 9am`.");
    }
    LocalTime clock = time.map(TimeOfDay::time).orElse(fallback);
    int consumed = dateWords + (time.isPresent() ? (timeStart - i) + time.get().consumed() : 0);
    ZonedDateTime candidate = at(date, clock, now);
    if (refusePast && !candidate.isAfter(now)) {
      return new Invalid(
          "That time has already passed ("
              + TimeFormats.dayAndTime(candidate)
              + " your time). Pick a later one, e.g. `tomorrow 9am`.");
    }
    return checked(candidate.toInstant(), now, consumed);
  }

  private static Result checked(Instant at, ZonedDateTime now, int consumed) {
    if (Duration.between(now.toInstant(), at).compareTo(MAX_AHEAD) > 0) {
      return tooFar();
    }
    return new Found(at, consumed);
  }

  private static Invalid tooFar() {
    return new Invalid("That's more than a year ahead; I only keep reminders for up to a year.");
  }

  /** Local date and time in the speaker's zone; a time skipped by DST moves forward. */
  private static ZonedDateTime at(LocalDate date, LocalTime time, ZonedDateTime now) {
    return ZonedDateTime.of(date, time, now.getZone());
  }

  private record TimeOfDay(LocalTime time, int consumed) {}

  private static Optional<TimeOfDay> timeOfDay(List<String> words, int i, boolean bareHourAllowed) {
    if (i >= words.size()) {
      return Optional.empty();
    }
    String word = lower(words.get(i));
    switch (word) {
      case "noon":
      case "midday":
        return Optional.of(new TimeOfDay(LocalTime.NOON, 1));
      case "midnight":
        return Optional.of(new TimeOfDay(LocalTime.MIDNIGHT, 1));
      case "morning":
        return Optional.of(new TimeOfDay(DEFAULT_TIME, 1));
      case "afternoon":
        return Optional.of(new TimeOfDay(LocalTime.of(14, 0), 1));
      case "evening":
        return Optional.of(new TimeOfDay(LocalTime.of(18, 0), 1));
      default:
        break;
    }
    Matcher m = CLOCK.matcher(word);
    if (!m.matches()) {
      return Optional.empty();
    }
    int consumed = 1;
    String meridiem = m.group(3);
    if (meridiem == null && i + 1 < words.size()) {
      String next = lower(words.get(i + 1));
      if (next.equals("am") || next.equals("pm") || next.equals("a.m.") || next.equals("p.m.")) {
        meridiem = next;
        consumed = 2;
      }
    }
    if (m.group(2) == null && meridiem == null && !bareHourAllowed) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (minute > 59) {
      return Optional.empty();
    }
    if (meridiem != null) {
      if (hour < 1 || hour > 12) {
        return Optional.empty();
      }
      boolean pm = meridiem.startsWith("p");
      hour = hour % 12 + (pm ? 12 : 0);
    } else if (hour > 23) {
      return Optional.empty();
    }
    return Optional.of(new TimeOfDay(LocalTime.of(hour, minute), consumed));
  }

  private static Optional<DayOfWeek> weekday(String word) {
    if (word.length() < 3) {
      return Optional.empty();
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (name.startsWith(word)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
