package dev.followupbot.core.when;

import dev.followupbot.core.domain.Recurrence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a time phrase means: one moment, a choice between readings, a repeating rule, or nothing.
 */
public sealed interface WhenReading {

  /** How many words the phrase took (0 for {@link NotATime}). */
  int consumed();

  /** One moment. */
  record At(Instant at, int consumed) implements WhenReading {
    public At {
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The phrase has more than one reading ({@code at 5} outside working hours, {@code 12/11} with no
   * known locale): the person picks one. Each option carries a phrase with only that reading.
   */
  record Choice(String why, List<Option> options, int consumed) implements WhenReading {
    public Choice {
      Objects.requireNonNull(why, "why");
      options = List.copyOf(options);
    }
  }

  /** One reading of an ambiguous phrase: how it is shown, and the phrase that means only it. */
  record Option(String label, String phrase) {
    private static final DateTimeFormatter LABEL =
        DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter PHRASE =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

    /** "Thu 3 Dec 17:00", read again from "2026-12-03 17:00". */
    static Option of(Instant at, ZoneId zone) {
      return new Option(at.atZone(zone).format(LABEL), at.atZone(zone).format(PHRASE));
    }
  }

  /** A repeating rule, and its first occurrence (before holidays are skipped). */
  record Repeats(Recurrence rule, boolean skipHolidays, Instant first, int consumed)
      implements WhenReading {
    public Repeats {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(first, "first");
    }

    /** The phrase that reads back to this rule. */
    public String phrase() {
      return rule.describe() + (skipHolidays ? " skip holidays" : "");
    }
  }

  /** The words are a time phrase, but not one that can be honoured; {@code problem} says why. */
  record Refused(String problem, int consumed) implements WhenReading {
    public Refused {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** The words do not start a time phrase. */
  record NotATime() implements WhenReading {
    @Override
    public int consumed() {
      return 0;
    }
  }
}
