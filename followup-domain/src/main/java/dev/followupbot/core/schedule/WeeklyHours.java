package dev.followupbot.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opening hours per weekday, as written in configuration: {@code always}, {@code mon-fri
 * 09:00-17:00}, or several runs such as {@code mon-thu 08:00-18:00, fri 08:00-14:00}.
 */
public record WeeklyHours(Map<DayOfWeek, DailyHours> days, boolean always) {

  public static final WeeklyHours ALWAYS = new WeeklyHours(Map.of(), true);

  public WeeklyHours {
    days = Map.copyOf(days);
    if (!always && days.isEmpty()) {
      throw new IllegalArgumentException("business hours need at least one open day");
    }
  }

  /** Reads {@code always}, {@code mon-fri 09:00-17:00} or comma-separated runs of those. */
  public static WeeklyHours parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("always") || t.equals("24/7")) {
      return ALWAYS;
    }
    Map<DayOfWeek, DailyHours> days = new EnumMap<>(DayOfWeek.class);
    for (String run : t.split(",")) {
      String[] parts = run.strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a set of hours; write it like 'mon-fri 09:00-17:00' (runs separated by"
                + " commas) or 'always'");
      }
      DailyHours hours = DailyHours.parse(parts[1]);
      for (DayOfWeek d : dayRange(parts[0], text)) {
        days.put(d, hours);
      }
    }
    return new WeeklyHours(days, false);
  }

  /** Reads a map of day to hours, e.g. {mon: 09:00-17:00, sat: closed}. */
  public static WeeklyHours fromMap(Map<String, String> byDay) {
    Map<DayOfWeek, DailyHours> days = new EnumMap<>(DayOfWeek.class);
    byDay.forEach(
        (day, hours) -> {
          for (DayOfWeek d : dayRange(day, day)) {
            String h = hours == null ? "closed" : hours.strip().toLowerCase(Locale.ROOT);
            if (!h.equals("closed") && !h.equals("off")) {
              days.put(d, DailyHours.parse(h));
            }
          }
        });
    return new WeeklyHours(days, false);
  }

  public BusinessCalendar calendar(ZoneId zone, Set<LocalDate> holidays) {
    BusinessCalendar base =
        always ? BusinessCalendar.always(zone) : new BusinessCalendar(zone, days, Set.of());
    return base.withHolidays(holidays);
  }

  private static java.util.List<DayOfWeek> dayRange(String text, String whole) {
    String[] ends = text.strip().split("-");
    if (ends.length > 2) {
      throw new IllegalArgumentException("'" + whole + "' has a day range I can't read: " + text);
    }
    DayOfWeek first = day(ends[0], whole);
    DayOfWeek last = ends.length == 2 ? day(ends[1], whole) : first;
    java.util.List<DayOfWeek> out = new java.util.ArrayList<>();
    for (DayOfWeek d = first; ; d = d.plus(1)) {
      out.add(d);
      if (d == last) {
        return out;
      }
    }
  }

  private static DayOfWeek day(String word, String whole) {
    String w = word.strip().toLowerCase(Locale.ROOT);
    if (w.length() >= 3) {
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().toLowerCase(Locale.ROOT).startsWith(w)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "'" + word + "' in '" + whole + "' is not a day; use mon, tue, wed, thu, fri, sat, sun");
  }

  /** The written form, as {@link #parse} reads it. */
  public String format() {
    if (always) {
      return "always";
    }
    return new BusinessCalendar(ZoneId.of("UTC"), days, Set.of()).describe().replace(" UTC", "");
  }

  public Optional<DailyHours> on(DayOfWeek day) {
    return Optional.ofNullable(days.get(day));
  }
}
