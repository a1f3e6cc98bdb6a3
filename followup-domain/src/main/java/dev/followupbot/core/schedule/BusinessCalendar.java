package dev.followupbot.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a team works: opening hours per weekday in its time zone, minus holidays. Business-time
 * arithmetic converts each day's local hours with that day's zone rules, so deadlines stay right
 * across DST changes: an hour skipped in spring is not worked, an hour repeated in autumn is worked
 * twice only if it lies inside opening hours.
 */
public record BusinessCalendar(
    ZoneId zone, Map<DayOfWeek, DailyHours> week, Set<LocalDate> holidays) {

  /** No day is more than this far from the next open day; beyond it the calendar is closed. */
  private static final int MAX_DAYS = 3 * 366;

  public BusinessCalendar {
    Objects.requireNonNull(zone, "zone");
    week = Map.copyOf(week);
    holidays = Set.copyOf(holidays);
    if (week.isEmpty()) {
      throw new IllegalArgumentException("business hours need at least one open day");
    }
  }

  /** Open around the clock, every day: deadlines are plain wall-clock durations. */
  public static BusinessCalendar always(ZoneId zone) {
    Map<DayOfWeek, DailyHours> all = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      all.put(d, DailyHours.ALL_DAY);
    }
    return new BusinessCalendar(zone, all, Set.of());
  }

  /** The same weekly hours on the given days, e.g. mon-fri 09:00-17:00. */
  public static BusinessCalendar weekly(ZoneId zone, Set<DayOfWeek> days, DailyHours hours) {
    Map<DayOfWeek, DailyHours> week = new EnumMap<>(DayOfWeek.class);
    days.forEach(d -> week.put(d, hours));
    return new BusinessCalendar(zone, week, Set.of());
  }

  public BusinessCalendar withZone(ZoneId other) {
    return new BusinessCalendar(other, week, holidays);
  }

  public BusinessCalendar withHolidays(Set<LocalDate> dates) {
    return new BusinessCalendar(zone, week, dates);
  }

  public boolean isAlwaysOpen() {
    return week.size() == 7
        && week.values().stream().allMatch(h -> h.equals(DailyHours.ALL_DAY))
        && holidays.isEmpty();
  }

  /** The instant {@code amount} of business time after {@code start}. */
  public Instant plus(Instant start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    Duration left = amount;
    LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      Optional<Interval> open = openOn(day);
      if (open.isEmpty() || !open.get().end().isAfter(start)) {
        continue;
      }
      Instant from = open.get().start().isAfter(start) ? open.get().start() : start;
      Duration available = Duration.between(from, open.get().end());
      if (left.compareTo(available) < 0 || (left.isZero())) {
        return from.plus(left);
      }
      left = left.minus(available);
      if (left.isZero()) {
        return open.get().end();
      }
    }
    throw new IllegalStateException("no business hours within three years of " + start);
  }

  /** How much business time lies between two instants (zero if {@code to} is not after). */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      Optional<Interval> open = openOn(day);
      if (open.isEmpty()) {
        continue;
      }
      Instant s = open.get().start().isAfter(from) ? open.get().start() : from;
      Instant e = open.get().end().isBefore(to) ? open.get().end() : to;
      if (e.isAfter(s)) {
        total = total.plus(Duration.between(s, e));
      }
    }
    return total;
  }

  public boolean isOpen(Instant t) {
    return nextOpen(t).equals(t);
  }

  /** {@code t} if the team is working then, otherwise the moment it next opens. */
  public Instant nextOpen(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      Optional<Interval> open = openOn(day);
      if (open.isPresent() && open.get().end().isAfter(t)) {
        return open.get().start().isAfter(t) ? open.get().start() : t;
      }
    }
    throw new IllegalStateException("no business hours within three years of " + t);
  }

  /** The first working day strictly after {@code t}'s local date. */
  public LocalDate nextWorkingDay(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate().plusDays(1);
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        return day;
      }
    }
    throw new IllegalStateException("no working day within three years of " + t);
  }

  public boolean isWorkingDay(LocalDate day) {
    return week.containsKey(day.getDayOfWeek()) && !holidays.contains(day);
  }

  /** One day's open interval, if the team works that day. */
  Optional<Interval> openOn(LocalDate day) {
    DailyHours hours = week.get(day.getDayOfWeek());
    if (hours == null || holidays.contains(day)) {
      return Optional.empty();
    }
    Instant start = ZonedDateTime.of(day, hours.start(), zone).toInstant();
    Instant end =
        hours.endsAtMidnight()
            ? day.plusDays(1).atStartOfDay(zone).toInstant()
            : ZonedDateTime.of(day, hours.end(), zone).toInstant();
    return end.isAfter(start) ? Optional.of(new Interval(start, end)) : Optional.empty();
  }

  record Interval(Instant start, Instant end) {}

  /** The weekly hours alone, as configuration writes them: "mon-fri 09:00-17:00" or "always". */
  public String describeHours() {
    if (week.size() == 7 && week.values().stream().allMatch(h -> h.equals(DailyHours.ALL_DAY))) {
      return "always";
    }
    return withHolidays(Set.of()).describe().replace(" " + zone.getId(), "");
  }

  /** "mon-fri 09:00-17:00 Europe/Berlin", or per day when days differ. */
  public String describe() {
    if (isAlwaysOpen()) {
      return "always open (" + zone.getId() + ")";
    }
    StringBuilder s = new StringBuilder();
    DayOfWeek runStart = null;
    DailyHours runHours = null;
    DayOfWeek prev = null;
    for (DayOfWeek d : DayOfWeek.values()) {
      DailyHours h = week.get(d);
      if (h != null && h.equals(runHours) && prev == d.minus(1)) {
        prev = d;
        continue;
      }
      appendRun(s, runStart, prev, runHours);
      runStart = h == null ? null : d;
      runHours = h;
      prev = h == null ? null : d;
    }
    appendRun(s, runStart, prev, runHours);
    s.append(' ').append(zone.getId());
    if (!holidays.isEmpty()) {
      s.append(", holidays ").append(new TreeSet<>(holidays));
    }
    return s.toString();
  }

  private static void appendRun(StringBuilder s, DayOfWeek from, DayOfWeek to, DailyHours hours) {
    if (from == null || hours == null) {
      return;
    }
    if (s.length() > 0) {
      s.append(", ");
    }
    s.append(day(from));
    if (to != from) {
      s.append('-').append(day(to));
    }
    s.append(' ').append(hours.format());
  }

  static String day(DayOfWeek d) {
    return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }
}
