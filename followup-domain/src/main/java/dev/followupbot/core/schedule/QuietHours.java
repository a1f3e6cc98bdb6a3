package dev.followupbot.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily stretch when nobody is nudged, in the local time of whoever would be nudged, e.g. {@code
 * 20:00-08:00} (may cross midnight). Something due in quiet hours is held until they end.
 */
public record QuietHours(LocalTime from, LocalTime to) {

  private static final Pattern FORM =
      Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

  public QuietHours {
    if (from.equals(to)) {
      throw new IllegalArgumentException("quiet hours must not start and end at the same time");
    }
  }

  public static QuietHours parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time range; write quiet hours like 20:00-08:00");
    }
    try {
      return new QuietHours(
          LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
          LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' has a time that does not exist");
    }
  }

  /** {@code t} if it is outside quiet hours in {@code zone}, otherwise when they end. */
  public Instant release(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalDate date = local.toLocalDate();
    boolean crossesMidnight = to.isBefore(from);
    if (!crossesMidnight) {
      if (!time.isBefore(from) && time.isBefore(to)) {
        return ZonedDateTime.of(date, to, zone).toInstant();
      }
      return t;
    }
    if (!time.isBefore(from)) {
      return ZonedDateTime.of(date.plusDays(1), to, zone).toInstant();
    }
    if (time.isBefore(to)) {
      return ZonedDateTime.of(date, to, zone).toInstant();
    }
    return t;
  }

  public String format() {
    return from + "-" + to;
  }
}
