package dev.followupbot.core.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times read in messages: local to the reader, short, and relative where that is clearer. */
public final class TimeFormats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME_YEAR =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private TimeFormats() {}

  /** "14:05" today, "tomorrow 09:00", "Mon 30 Nov, 09:00" within a year, else with the year. */
  public static String when(Instant at, ZoneId zone, Instant now) {
    ZonedDateTime local = at.atZone(zone);
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate day = local.toLocalDate();
    if (day.equals(today)) {
      return local.format(TIME);
    }
    if (day.equals(today.plusDays(1))) {
      return "tomorrow " + local.format(TIME);
    }
    if (day.equals(today.minusDays(1))) {
      return "yesterday " + local.format(TIME);
    }
    return dayAndTime(local, now.atZone(zone));
  }

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_YEAR =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  /**
   * "on Thu 3 Dec at 09:00", always with the weekday and the date (and the year when it is not this
   * year's or next months' date): how a reminder's time is confirmed.
   */
  public static String onDayAt(Instant at, ZoneId zone, Instant now) {
    ZonedDateTime local = at.atZone(zone);
    boolean far = Math.abs(Duration.between(now.atZone(zone), local).toDays()) > 300;
    return "on " + local.format(far ? DAY_YEAR : DAY) + " at " + local.format(TIME);
  }

  /**
   * The same moment for someone in another zone: "03:00" on the same date as in {@code mine},
   * otherwise "on Wed 2 Dec at 21:00".
   */
  public static String theirs(Instant at, ZoneId mine, ZoneId theirs, Instant now) {
    ZonedDateTime local = at.atZone(theirs);
    return local.toLocalDate().equals(at.atZone(mine).toLocalDate())
        ? local.format(TIME)
        : onDayAt(at, theirs, now);
  }

  /** "today" or "tomorrow" when it is, in {@code zone}. */
  public static java.util.Optional<String> dayWord(Instant at, ZoneId zone, Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate day = at.atZone(zone).toLocalDate();
    if (day.equals(today)) {
      return java.util.Optional.of("today");
    }
    if (day.equals(today.plusDays(1))) {
      return java.util.Optional.of("tomorrow");
    }
    return java.util.Optional.empty();
  }

  static String dayAndTime(ZonedDateTime local) {
    return local.format(DAY_TIME);
  }

  private static String dayAndTime(ZonedDateTime local, ZonedDateTime now) {
    return Math.abs(Duration.between(now, local).toDays()) > 300
        ? local.format(DAY_TIME_YEAR)
        : local.format(DAY_TIME);
  }

  /** "just now", "4 min", "2 h 5 min", "3 days". */
  public static String span(Duration d) {
    long seconds = Math.abs(d.getSeconds());
    if (seconds < 60) {
      return seconds < 10 ? "a few seconds" : seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      long rest = minutes % 60;
      return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
    return (hours / 24) + " days";
  }

  /** "in 4 min", "5 min ago". */
  public static String relative(Instant at, Instant now) {
    Duration d = Duration.between(now, at);
    return d.isNegative() ? span(d) + " ago" : "in " + span(d);
  }
}
