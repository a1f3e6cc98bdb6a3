package dev.followupbot.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A word of a command, and whether it was written in quotes (quoted words are never keywords). */
record Token(String text, boolean quoted) {

  /** Splits on white space, keeping "quoted phrases" (straight or curly quotes) together. */
  static List<Token> split(String line) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' || c == '\u201C' || c == '\u201D') {
        if (inQuotes) {
          tokens.add(new Token(current.toString(), true));
          current.setLength(0);
          inQuotes = false;
        } else if (current.length() == 0) {
          inQuotes = true;
        } else {
          current.append(c);
        }
      } else if (Character.isWhitespace(c) && !inQuotes) {
        if (current.length() > 0) {
          tokens.add(new Token(current.toString(), false));
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (inQuotes) {
      // An unclosed quote: keep what was typed rather than refusing the whole command.
      tokens.add(new Token(current.toString(), true));
    } else if (current.length() > 0) {
      tokens.add(new Token(current.toString(), false));
    }
    return tokens;
  }

  static String join(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (Token t : tokens) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(t.text);
    }
    return out.toString();
  }

  /** The words from {@code from} on, joined, or empty when there are none. */
  static Optional<String> rest(List<Token> args, int from) {
    if (from >= args.size()) {
      return Optional.empty();
    }
    String text = join(args.subList(from, args.size())).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  static List<String> texts(List<Token> args) {
    List<String> words = new ArrayList<>(args.size());
    for (Token t : args) {
      words.add(t.text());
    }
    return words;
  }

  static List<Boolean> quotedFlags(List<Token> args) {
    List<Boolean> quoted = new ArrayList<>(args.size());
    for (Token t : args) {
      quoted.add(t.quoted());
    }
    return quoted;
  }
}
