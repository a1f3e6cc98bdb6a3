package dev.followupbot.core.when;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that belong to a time. Left in a reminder's note, one is the sign of a misread ({@code call
 * Dana tomorrow} read with "tomorrow" in the note), so the reminder is refused instead of set at a
 * wrong time. Quoted words are never looked at: {@code "plan next week"} is a note.
 */
final class TimeWords {

  /** Words that are a time wherever they stand. */
  private static final Set<String> ALWAYS =
      Set.of(
          "today",
          "tonight",
          "tomorrow",
          "tmrw",
          "tmr",
          "yesterday",
          "noon",
          "midday",
          "midnight",
          "morning",
          "afternoon",
          "evening",
          "lunchtime",
          "fortnight",
          "daily",
          "weekly",
          "monthly",
          "yearly",
          "annually",
          "fortnightly",
          "biweekly",
          "bimonthly",
          "weekdays",
          "weekend",
          "eod",
          "cob",
          "eob",
          "eow",
          "eom",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "mondays",
          "tuesdays",
          "wednesdays",
          "thursdays",
          "fridays",
          "saturdays",
          "sundays",
          "tues",
          "thurs",
          "january",
          "february",
          "april",
          "june",
          "july",
          "september",
          "october",
          "november",
          "december");

  /** Units: a time after a number or a word like "next" ({@code 2 hours}, {@code next week}). */
  private static final Set<String> UNITS =
      Set.of(
          "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds",
          "sec", "secs", "day", "days", "week", "weeks", "month", "months", "year", "years",
          "night");

  /** What makes a unit after it a time. */
  private static final Set<String> UNIT_LEADS =
      Set.of(
          "a",
          "an",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "twelve",
          "this",
          "next",
          "last",
          "every",
          "each",
          "other",
          "of",
          "half",
          "couple",
          "few",
          "several",
          "at",
          "tomorrow",
          "tonight",
          "per");

  /** Month names that are also ordinary words: a time only next to a number. */
  private static final Set<String> SHY_MONTHS =
      Set.of(
          "may", "march", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "august", "sep", "sept",
          "oct", "nov", "dec");

  private static final Pattern TIMEY =
      Pattern.compile(
          "\\d{1,2}[:.]\\d{2}(am|pm)?|\\d{1,4}(am|pm|a\\.m\\.|p\\.m\\.|h)|\\d{1,2}/\\d{1,2}(/\\d{2,4})?"
              + "|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}\\.\\d{1,2}\\.(\\d{2,4})?|\\d{1,2}(st|nd|rd|th)"
              + "|\\d+(\\.\\d+)?(s|m|h|d|w|min|mins|hr|hrs)(\\d+(m|s|min))*");

  private static final Pattern NUMBER = Pattern.compile("\\d{1,4}(\\.\\d+)?");

  private TimeWords() {}

  /** Whether the unquoted word at {@code i} looks like part of a time. */
  static boolean suspicious(Words w, int i) {
    String word = w.at(i);
    if (word.isEmpty()) {
      return false;
    }
    String before = w.at(i - 1);
    String after = w.at(i + 1);
    if (ALWAYS.contains(word) || TIMEY.matcher(word).matches()) {
      return true;
    }
    if (UNITS.contains(word)) {
      return NUMBER.matcher(before).matches()
          || UNIT_LEADS.contains(before)
          || Days.weekday(before).isPresent();
    }
    switch (word) {
      case "am":
      case "pm":
      case "a.m.":
      case "p.m.":
      case "o'clock":
      case "oclock":
        return NUMBER.matcher(before).matches();
      case "next":
      case "every":
      case "each":
      case "this":
        return suspicious(w, i + 1) || UNITS.contains(after) || after.equals("other");
      case "half":
        return before.equals("a")
            || after.equals("an")
            || after.equals("a")
            || after.equals("past");
      case "at":
      case "by":
        return NUMBER.matcher(after).matches() || after.equals("noon") || after.equals("midnight");
      default:
        break;
    }
    if (SHY_MONTHS.contains(word)) {
      return NUMBER.matcher(before.replaceAll("(st|nd|rd|th)$", "")).matches()
          || NUMBER.matcher(after.replaceAll("(st|nd|rd|th)$", "")).matches();
    }
    return false;
  }
}
