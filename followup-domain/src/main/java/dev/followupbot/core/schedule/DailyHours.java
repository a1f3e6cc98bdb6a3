package dev.followupbot.core.schedule;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One day's opening hours in local time, from {@code start} to {@code end} minutes after midnight
 * ({@code 24:00} = 1440 ends the day). Written {@code 09:00-17:00}.
 */
public record DailyHours(int startMinute, int endMinute) {

  static final DailyHours ALL_DAY = new DailyHours(0, 1440);
  private static final Pattern FORM =
      Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

  public DailyHours {
    if (startMinute < 0 || endMinute > 1440 || endMinute <= startMinute) {
      throw new IllegalArgumentException("opening hours must end after they start, within the day");
    }
  }

  /** Parses {@code 09:00-17:00}; {@code 00:00-24:00} is the whole day. */
  public static DailyHours parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time range; write it like 09:00-17:00");
    }
    int start = minutes(m.group(1), m.group(2), text);
    int end = minutes(m.group(3), m.group(4), text);
    if (end <= start) {
      throw new IllegalArgumentException(
          "'" + text + "' ends before it starts; hours that cross midnight are not supported here");
    }
    return new DailyHours(start, end);
  }

  private static int minutes(String h, String m, String text) {
    int hours = Integer.parseInt(h);
    int mins = Integer.parseInt(m);
    if (hours > 24 || mins > 59 || (hours == 24 && mins > 0)) {
      throw new IllegalArgumentException("'" + text + "' has a time that does not exist");
    }
    return hours * 60 + mins;
  }

  LocalTime start() {
    return LocalTime.MIDNIGHT.plusMinutes(startMinute);
  }

  boolean endsAtMidnight() {
    return endMinute == 1440;
  }

  LocalTime end() {
    return LocalTime.MIDNIGHT.plusMinutes(endMinute % 1440);
  }

  public String format() {
    return String.format(
        "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60);
  }
}
