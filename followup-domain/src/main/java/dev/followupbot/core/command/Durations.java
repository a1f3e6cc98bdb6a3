package dev.followupbot.core.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads spans of time as people type them: {@code 20m}, {@code 1h30m}, {@code 2 hours}, {@code an
 * hour}.
 */
final class Durations {

  /** A duration and how many words it took. */
  record Span(Duration duration, int consumed) {}

  private static final Pattern PIECE = Pattern.compile("(\\d{1,6})([a-z]+)");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");

  private static final Map<String, Duration> UNITS =
      Map.ofEntries(
          Map.entry("s", Duration.ofSeconds(1)),
          Map.entry("sec", Duration.ofSeconds(1)),
          Map.entry("secs", Duration.ofSeconds(1)),
          Map.entry("second", Duration.ofSeconds(1)),
          Map.entry("seconds", Duration.ofSeconds(1)),
          Map.entry("m", Duration.ofMinutes(1)),
          Map.entry("min", Duration.ofMinutes(1)),
          Map.entry("mins", Duration.ofMinutes(1)),
          Map.entry("minute", Duration.ofMinutes(1)),
          Map.entry("minutes", Duration.ofMinutes(1)),
          Map.entry("h", Duration.ofHours(1)),
          Map.entry("hr", Duration.ofHours(1)),
          Map.entry("hrs", Duration.ofHours(1)),
          Map.entry("hour", Duration.ofHours(1)),
          Map.entry("hours", Duration.ofHours(1)),
          Map.entry("d", Duration.ofDays(1)),
          Map.entry("day", Duration.ofDays(1)),
          Map.entry("days", Duration.ofDays(1)),
          Map.entry("w", Duration.ofDays(7)),
          Map.entry("wk", Duration.ofDays(7)),
          Map.entry("wks", Duration.ofDays(7)),
          Map.entry("week", Duration.ofDays(7)),
          Map.entry("weeks", Duration.ofDays(7)));

  private Durations() {}

  /** Reads as many duration words as follow {@code start}; empty if the first is not one. */
  static Optional<Span> parse(List<String> words, int start) {
    Duration total = Duration.ZERO;
    int i = start;
    while (i < words.size()) {
      String word = words.get(i).toLowerCase(Locale.ROOT);
      Optional<Duration> compact = compact(word);
      if (compact.isPresent()) {
        total = total.plus(compact.get());
        i++;
        continue;
      }
      if (i + 1 < words.size()) {
        String unitWord = words.get(i + 1).toLowerCase(Locale.ROOT);
        Duration unit = UNITS.get(unitWord);
        long count = -1;
        if (NUMBER.matcher(word).matches()) {
          count = Long.parseLong(word);
        } else if (word.equals("a") || word.equals("an")) {
          count = 1;
        }
        if (unit != null && count >= 0) {
          total = total.plus(unit.multipliedBy(count));
          i += 2;
          continue;
        }
      }
      if (i > start && word.equals("and")) {
        i++;
        continue;
      }
      break;
    }
    if (i > start && words.get(i - 1).equalsIgnoreCase("and")) {
      i--;
    }
    return i == start ? Optional.empty() : Optional.of(new Span(total, i - start));
  }

  private static Optional<Duration> compact(String word) {
    Matcher m = PIECE.matcher(word);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      Duration unit = UNITS.get(m.group(2));
      if (unit == null) {
        return Optional.empty();
      }
      total = total.plus(unit.multipliedBy(Long.parseLong(m.group(1))));
      end = m.end();
    }
    return end == word.length() && end > 0 ? Optional.of(total) : Optional.empty();
  }
}
