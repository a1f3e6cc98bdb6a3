package dev.followupbot.core.when;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times of day: {@code 15:00}, {@code 3pm}, {@code 3 pm}, {@code 9.30}, {@code 930am}, {@code
 * 1400}, {@code 15h}, {@code 15h30}, {@code noon}, {@code lunch}, {@code midnight}, and a bare
 * {@code 5} after {@code at}. A time without am/pm from 1 to 12 ({@code 5}, {@code 5:30}) is bare:
 * which half of the day it means is decided later, never guessed here.
 */
final class Clocks {

  /** A time of day read from the words. */
  record Clock(int hour, int minute, Kind kind, int consumed) {
    LocalTime exact() {
      return LocalTime.of(hour % 24, minute);
    }

    LocalTime morning() {
      return LocalTime.of(hour % 12, minute);
    }

    LocalTime afternoon() {
      return LocalTime.of(hour % 12 + 12, minute);
    }
  }

  /** Whether the half of the day is known. */
  enum Kind {
    /** 24-hour or with am/pm: exactly this time. */
    EXACT,
    /** 1 to 12 without am/pm: the morning or the afternoon reading. */
    BARE,
    /** Midnight: the start of which day is for the phrase to say. */
    MIDNIGHT
  }

  private static final Pattern COLON =
      Pattern.compile("(\\d{1,2})[:.](\\d{2})(am|pm|a\\.m\\.|p\\.m\\.|a|p)?");
  private static final Pattern HOUR_MERIDIEM =
      Pattern.compile("(\\d{1,2})(am|pm|a\\.m\\.|p\\.m\\.|a|p)");
  private static final Pattern DIGITS = Pattern.compile("(\\d{3,4})(am|pm|a\\.m\\.|p\\.m\\.)?");
  private static final Pattern H_FORM = Pattern.compile("(\\d{1,2})h(\\d{2})?");
  private static final Pattern PLAIN = Pattern.compile("\\d{1,2}");

  private Clocks() {}

  /**
   * Reads a time at {@code i}. A plain number ({@code 5}) counts only when {@code plainNumbers},
   * that is after {@code at} or next to a day.
   */
  static Optional<Clock> read(Words w, int i, boolean plainNumbers) {
    String word = w.at(i);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    switch (word) {
      case "noon":
      case "midday":
      case "lunch":
      case "lunchtime":
        return Optional.of(new Clock(12, 0, Kind.EXACT, 1));
      case "midnight":
        return Optional.of(new Clock(0, 0, Kind.MIDNIGHT, 1));
      default:
        break;
    }
    Matcher m = COLON.matcher(word);
    if (m.matches()) {
      return clock(m.group(1), m.group(2), meridiem(m.group(3), w, i), w, i);
    }
    m = HOUR_MERIDIEM.matcher(word);
    if (m.matches()) {
      return clock(m.group(1), "00", m.group(2), w, i);
    }
    m = H_FORM.matcher(word);
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      return hour <= 23 && minute <= 59
          ? Optional.of(new Clock(hour, minute, Kind.EXACT, 1))
          : Optional.empty();
    }
    m = DIGITS.matcher(word);
    if (m.matches()) {
      String digits = m.group(1);
      String hour = digits.substring(0, digits.length() - 2);
      String minute = digits.substring(digits.length() - 2);
      String meridiem = meridiem(m.group(2), w, i);
      if (meridiem == null && digits.length() == 3 && !plainNumbers) {
        return Optional.empty(); // "call 300 customers"
      }
      if (meridiem == null && digits.length() == 4 && !plainNumbers && looksLikeYear(digits)) {
        return Optional.empty();
      }
      return clock(hour, minute, meridiem, w, i);
    }
    if (PLAIN.matcher(word).matches()) {
      String meridiem = meridiem(null, w, i);
      if (meridiem != null) {
        return clock(word, "00", meridiem, w, i);
      }
      if (w.is(i + 1, "o'clock", "oclock")) {
        return clock(word, "00", null, w, i).map(c -> new Clock(c.hour(), 0, c.kind(), 2));
      }
      if (plainNumbers) {
        return clock(word, "00", null, w, i);
      }
    }
    return Optional.empty();
  }

  /** The am/pm written in the word, or as the next word; null if none. */
  private static String meridiem(String attached, Words w, int i) {
    if (attached != null) {
      return attached;
    }
    return w.is(i + 1, "am", "pm", "a.m.", "p.m.") ? w.at(i + 1) : null;
  }

  private static Optional<Clock> clock(
      String hourText, String minuteText, String meridiem, Words w, int i) {
    int hour = Integer.parseInt(hourText);
    int minute = Integer.parseInt(minuteText);
    if (minute > 59) {
      return Optional.empty();
    }
    boolean separate = meridiem != null && w.is(i + 1, meridiem) && !w.at(i).endsWith(meridiem);
    int consumed = separate ? 2 : 1;
    if (meridiem != null) {
      if (hour < 1 || hour > 12) {
        return Optional.empty();
      }
      boolean pm = meridiem.startsWith("p");
      return Optional.of(new Clock(hour % 12 + (pm ? 12 : 0), minute, Kind.EXACT, consumed));
    }
    if (hour > 23) {
      return Optional.empty();
    }
    boolean twentyFour = hour == 0 || hour > 12 || hourText.startsWith("0");
    return Optional.of(new Clock(hour, minute, twentyFour ? Kind.EXACT : Kind.BARE, consumed));
  }

  private static boolean looksLikeYear(String digits) {
    int n = Integer.parseInt(digits);
    return n >= 1900 && n <= 2100;
  }
}
