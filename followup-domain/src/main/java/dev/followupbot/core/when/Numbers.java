package dev.followupbot.core.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as people write them in times: {@code 2}, {@code 1.5}, {@code two}, {@code 15th}. */
final class Numbers {

  private static final List<String> WORDS =
      List.of(
          "zero",
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
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty");

  private static final Map<String, Integer> ORDINAL_WORDS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("second", 2),
          Map.entry("third", 3),
          Map.entry("fourth", 4),
          Map.entry("fifth", 5),
          Map.entry("last", -1));

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,6}(?:[.,]\\d{1,3})?");
  private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(st|nd|rd|th)");

  private Numbers() {}

  /** {@code 3}, {@code 1.5}, {@code three}, {@code a}/{@code an} (one). */
  static Optional<Double> count(String word) {
    if (word.equals("a") || word.equals("an")) {
      return Optional.of(1.0);
    }
    int index = WORDS.indexOf(word);
    if (index >= 0) {
      return Optional.of((double) index);
    }
    if (DECIMAL.matcher(word).matches()) {
      return Optional.of(Double.parseDouble(word.replace(',', '.')));
    }
    return Optional.empty();
  }

  /** A whole number written in digits or as a word up to twenty. */
  static Optional<Integer> whole(String word) {
    int index = WORDS.indexOf(word);
    if (index >= 0) {
      return Optional.of(index);
    }
    if (word.matches("\\d{1,6}")) {
      return Optional.of(Integer.parseInt(word));
    }
    return Optional.empty();
  }

  /** {@code 15th} or {@code 1st}: the day of a month. */
  static Optional<Integer> dayOrdinal(String word) {
    Matcher m = ORDINAL.matcher(word);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      return n >= 1 && n <= 31 ? Optional.of(n) : Optional.empty();
    }
    return Optional.empty();
  }

  /** {@code first} to {@code fifth}, {@code 1st} to {@code 4th}, or {@code last} (-1). */
  static Optional<Integer> weekOrdinal(String word) {
    Integer named = ORDINAL_WORDS.get(word);
    if (named != null) {
      return Optional.of(named);
    }
    return dayOrdinal(word).filter(n -> n <= 5);
  }
}
