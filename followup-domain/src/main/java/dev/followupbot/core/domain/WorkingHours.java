package dev.followupbot.core.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days and hours someone works, in their own time zone, e.g. {@code mon-fri 09:00-17:00}.
 * Stored in that text form.
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  private static final Pattern FORM =
      Pattern.compile(
          "(?i)\\s*([a-z]{3})(?:-([a-z]{3}))?\\s+(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})\\s*");

  public WorkingHours {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("working hours need at least one day");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("working hours must end after they start");
    }
    days = Set.copyOf(days);
  }

  /** Parses {@code mon-fri 09:00-17:00} or {@code sat 10:00-14:00}. */
  public static WorkingHours parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected working hours like 'mon-fri 09:00-17:00', got '" + text + "'");
    }
    DayOfWeek first = day(m.group(1));
    DayOfWeek last = m.group(2) == null ? first : day(m.group(2));
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek d = first; ; d = d.plus(1)) {
      days.add(d);
      if (d == last) {
        break;
      }
    }
    return new WorkingHours(days, time(m.group(3)), time(m.group(4)));
  }

  private static DayOfWeek day(String abbreviation) {
    String a = abbreviation.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().toLowerCase(Locale.ROOT).startsWith(a)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown day '" + abbreviation + "'");
  }

  private static LocalTime time(String hhmm) {
    String[] parts = hhmm.split(":");
    return LocalTime.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  public String format() {
    DayOfWeek first = null;
    DayOfWeek last = null;
    for (DayOfWeek d : DayOfWeek.values()) {
      if (days.contains(d)) {
        if (first == null) {
          first = d;
        }
        last = d;
      }
    }
    String from = first.name().substring(0, 3).toLowerCase(Locale.ROOT);
    String to = last.name().substring(0, 3).toLowerCase(Locale.ROOT);
    return (first == last ? from : from + "-" + to) + " " + start + "-" + end;
  }
}
