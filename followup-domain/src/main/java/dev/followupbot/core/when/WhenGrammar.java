package dev.followupbot.core.when;

import java.util.List;
import java.util.Objects;

/**
 * The {@code <when>} grammar, read in a {@link WhenContext}. {@link #split} finds the time of a
 * reminder before or after its note and refuses when words that belong to a time are left in the
 * note; {@link #whole} reads words that must all be one time ({@code snooze 7 <when>}, {@code wait
 * 42 until <when>}). Nothing here guesses: a phrase with two readings comes back as a {@link
 * WhenReading.Choice}.
 */
public final class WhenGrammar {

  /** An example of each common form, for refusals. */
  public static final String EXAMPLES =
      "Try `in 30m`, `tomorrow 9am`, `friday at 3pm`, `next week`, `december 15`, `eod` or"
          + " `every monday 9am`.";

  /** Where the time of a reminder is: the reading, and the words {@code [from, to)} it took. */
  public sealed interface Split {}

  /** The time was found; the other words are the note. */
  public record Located(WhenReading reading, int from, int to) implements Split {
    public Located {
      Objects.requireNonNull(reading, "reading");
    }
  }

  /** No time could be found, or words of a time are left over; {@code problem} says which. */
  public record Unclear(String problem) implements Split {
    public Unclear {
      Objects.requireNonNull(problem, "problem");
    }
  }

  private WhenGrammar() {}

  /** Reads the longest time phrase starting at {@code start}. */
  public static WhenReading read(
      List<String> words, List<Boolean> quoted, int start, WhenContext ctx) {
    return read(Words.of(words, quoted), start, ctx);
  }

  static WhenReading read(Words w, int start, WhenContext ctx) {
    if (w.quoted(start) || w.at(start).isEmpty()) {
      return new WhenReading.NotATime();
    }
    if (Repeats.starts(w, start)) {
      WhenReading repeating = Repeats.read(w, start, ctx);
      if (!(repeating instanceof WhenReading.NotATime)) {
        return repeating;
      }
    }
    return Moments.read(w, start, ctx);
  }

  /** Reads words {@code [start, end of words)}, which must all be one time phrase. */
  public static WhenReading whole(List<String> words, int start, WhenContext ctx) {
    Words w = Words.of(words);
    WhenReading r = read(w, start, ctx);
    if (r instanceof WhenReading.Refused || r instanceof WhenReading.NotATime) {
      return r;
    }
    if (start + r.consumed() < w.size()) {
      return new WhenReading.Refused(
          "I read a time in \""
              + String.join(" ", words.subList(start, start + r.consumed()))
              + "\" but not the words after it. "
              + EXAMPLES,
          r.consumed());
    }
    return r;
  }

  /**
   * Finds the time in a reminder's words from {@code start}: at the start ({@code tomorrow 9am call
   * Dana}) or at the end ({@code to call Dana tomorrow at 3pm}).
   */
  public static Split split(List<String> words, List<Boolean> quoted, int start, WhenContext ctx) {
    Words w = Words.of(words, quoted);
    int n = w.size();
    WhenReading prefix = read(w, start, ctx);
    int from = start;
    int to = start + prefix.consumed();
    WhenReading found = prefix;
    if (prefix instanceof WhenReading.NotATime) {
      found = null;
      for (int j = start + 1; j < n && found == null; j++) {
        WhenReading suffix = read(w, j, ctx);
        if (!(suffix instanceof WhenReading.NotATime) && j + suffix.consumed() == n) {
          found = suffix;
          from = j;
          to = n;
        }
      }
    }
    if (found == null) {
      for (int i = start; i < n; i++) {
        if (TimeWords.suspicious(w, i)) {
          return new Unclear(
              "I couldn't read the time in \""
                  + String.join(" ", words.subList(start, n))
                  + "\". Put the time first or last, e.g. `remind me tomorrow at 3pm to call Dana`"
                  + " or `remind me to call Dana tomorrow at 3pm`. "
                  + EXAMPLES);
        }
      }
      return new Unclear(
          "I couldn't read the time in \""
              + String.join(" ", words.subList(start, n))
              + "\". When should I remind you? "
              + EXAMPLES);
    }
    if (found instanceof WhenReading.Refused refused) {
      return new Unclear(refused.problem());
    }
    for (int i = start; i < n; i++) {
      if ((i < from || i >= to) && TimeWords.suspicious(w, i)) {
        return leftover(words, from, to, i);
      }
    }
    if (from == start && to < n && w.at(to).matches("\\d{1,2}")) {
      return leftover(words, from, to, to);
    }
    return new Located(found, from, to);
  }

  private static Unclear leftover(List<String> words, int from, int to, int at) {
    return new Unclear(
        "I read the time as \""
            + String.join(" ", words.subList(from, to))
            + "\", but \""
            + words.get(at)
            + "\" is left in the note and looks like part of a time, so I haven't set anything."
            + " Say the whole time in one place, e.g. `remind me tomorrow at 3pm to call Dana`,"
            + " or put the note in quotes: `remind me tomorrow 9am \"plan next week\"`.");
  }
}
