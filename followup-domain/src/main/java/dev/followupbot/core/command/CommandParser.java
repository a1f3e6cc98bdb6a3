package dev.followupbot.core.command;

import dev.followupbot.core.when.WhenContext;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the text after {@code /followup} (or a message to the bot, or a console line) into a {@link
 * Command}. Times are read in the speaker's zone at {@code now}. Never throws on input: a mistake
 * comes back as {@link ParseResult.Invalid} with a usage line and an example. The verbs, their
 * aliases, help and grammars are in {@link Vocabulary}.
 */
public final class CommandParser {

  public static final int MAX_LENGTH = 4000;

  private CommandParser() {}

  public static ParseResult parse(String rawText, ZonedDateTime now) {
    return parse(rawText, WhenContext.at(now));
  }

  /**
   * Parses with what is known of the speaker: their zone at the moment of typing, their locale (for
   * numeric dates) and working hours (for a bare hour, {@code eod}, {@code next week}).
   */
  public static ParseResult parse(String rawText, WhenContext when) {
    if (rawText == null) {
      return help();
    }
    if (rawText.length() > MAX_LENGTH) {
      return new ParseResult.Invalid(
          "That's a lot of text. Keep a command under " + MAX_LENGTH + " characters.");
    }
    String text = rawText.replaceAll("[\\p{Cntrl}&&[^\\t\\n\\r]]", " ").strip();
    text = text.replaceFirst("(?i)^/?followup\\b\\s*", "");
    List<Token> tokens = Token.split(text);
    if (tokens.isEmpty()) {
      return help();
    }
    Optional<Verb> verb = Vocabulary.find(tokens.get(0).text());
    if (verb.isEmpty()) {
      return unknown(tokens.get(0).text());
    }
    return verb.get().grammar().read(verb.get().name(), tokens.subList(1, tokens.size()), when);
  }

  private static ParseResult help() {
    return new ParseResult.Parsed(new Command.Help(Optional.empty()));
  }

  private static ParseResult unknown(String word) {
    String shown = word.length() > 40 ? word.substring(0, 40) + "…" : word;
    Optional<String> guess = closest(word.toLowerCase(Locale.ROOT));
    return new ParseResult.Invalid(
        "I don't know \""
            + shown
            + "\"."
            + guess.map(g -> " Did you mean `" + g + "`?").orElse("")
            + " Type `help` to see what I can do.");
  }

  private static Optional<String> closest(String word) {
    String best = null;
    int bestDistance = 3;
    for (Verb verb : Vocabulary.ALL) {
      int d = distance(word, verb.name());
      if (d < bestDistance) {
        bestDistance = d;
        best = verb.name();
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    if (a.length() > 30) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
