package dev.followupbot.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Slack's mrkdwn for the core's text. The core writes plain text with `backticks` around commands,
 * which mrkdwn shows as code as it is; the only characters to escape are {@code &}, {@code <} and
 * {@code >}, so that nothing a person typed (a subject, a customer, a note) can become a link or a
 * broadcast such as {@code <!channel>}. The one exception is a person's mention, {@code <@U123>},
 * which the core writes to mention a team's leads and which Slack itself puts in typed text.
 */
final class Mrkdwn {

  private static final java.util.regex.Pattern USER_MENTION =
      java.util.regex.Pattern.compile("<@[A-Z0-9]{2,40}(\\|[^<>|&\\n]{1,80})?>");

  private Mrkdwn() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    java.util.regex.Matcher mention = USER_MENTION.matcher(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<' && mention.region(i, text.length()).lookingAt()) {
        out.append(mention.group());
        i = mention.end() - 1;
        continue;
      }
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The text escaped and cut into pieces of at most {@code max} characters each, at line breaks
   * where possible, never inside an escape or a surrogate pair.
   */
  static List<String> escapedChunks(String text, int max) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String escaped = escape(line);
      int extra = current.length() == 0 ? escaped.length() : escaped.length() + 1;
      if (current.length() + extra <= max) {
        if (current.length() > 0) {
          current.append('\n');
        }
        current.append(escaped);
        continue;
      }
      if (current.length() > 0) {
        chunks.add(current.toString());
        current.setLength(0);
      }
      if (escaped.length() <= max) {
        current.append(escaped);
        continue;
      }
      // One line longer than a whole chunk: cut it by characters.
      int i = 0;
      while (i < line.length()) {
        int cp = line.codePointAt(i);
        String piece = escape(new String(Character.toChars(cp)));
        if (current.length() + piece.length() > max) {
          chunks.add(current.toString());
          current.setLength(0);
        }
        current.append(piece);
        i += Character.charCount(cp);
      }
    }
    if (current.length() > 0 || chunks.isEmpty()) {
      chunks.add(current.toString());
    }
    return chunks;
  }

  /** The text cut to at most {@code max} characters, ending in "…" when cut. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** Escaped and then cut to {@code max}, ending in "…", never leaving half an escape behind. */
  static String escapeWithin(String text, int max) {
    String escaped = escape(text);
    if (escaped.length() <= max) {
      return escaped;
    }
    StringBuilder out = new StringBuilder(max);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String piece = escape(new String(Character.toChars(cp)));
      if (out.length() + piece.length() > max - 1) {
        break;
      }
      out.append(piece);
      i += Character.charCount(cp);
    }
    return out.append('…').toString();
  }
}
