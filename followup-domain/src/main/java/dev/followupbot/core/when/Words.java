package dev.followupbot.core.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a phrase as the time readers see them: lower case, without the commas and full stops
 * of a sentence ({@code tomorrow,} is {@code tomorrow}), but keeping the dots of {@code 24.12.} and
 * {@code p.m.}. A quoted word is never part of a time.
 */
final class Words {

  private static final Pattern DOTTED_DATE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.");

  private final List<String> words;
  private final List<Boolean> quoted;

  private Words(List<String> words, List<Boolean> quoted) {
    this.words = words;
    this.quoted = quoted;
  }

  static Words of(List<String> raw, List<Boolean> quoted) {
    List<String> out = new ArrayList<>(raw.size());
    for (String w : raw) {
      out.add(normal(w));
    }
    return new Words(out, List.copyOf(quoted));
  }

  static Words of(List<String> raw) {
    List<Boolean> none = new ArrayList<>();
    raw.forEach(w -> none.add(false));
    return of(raw, none);
  }

  static String normal(String word) {
    String w = word.toLowerCase(Locale.ROOT).strip();
    while (!w.isEmpty() && ",;!?)".indexOf(w.charAt(w.length() - 1)) >= 0) {
      w = w.substring(0, w.length() - 1);
    }
    while (!w.isEmpty() && "(".indexOf(w.charAt(0)) >= 0) {
      w = w.substring(1);
    }
    if (w.endsWith(".")
        && !DOTTED_DATE.matcher(w).matches()
        && !w.endsWith("a.m.")
        && !w.endsWith("p.m.")) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  int size() {
    return words.size();
  }

  /** The word at {@code i}, or "" past the end or for a quoted word. */
  String at(int i) {
    return i >= 0 && i < words.size() && !quoted.get(i) ? words.get(i) : "";
  }

  boolean quoted(int i) {
    return i >= 0 && i < words.size() && quoted.get(i);
  }

  /** Whether the word at {@code i} is one of {@code options}. */
  boolean is(int i, String... options) {
    String w = at(i);
    for (String o : options) {
      if (o.equals(w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the words from {@code i} on are {@code phrase} (space separated). */
  boolean startsWith(int i, String phrase) {
    String[] parts = phrase.split(" ");
    for (int k = 0; k < parts.length; k++) {
      if (!at(i + k).equals(parts[k])) {
        return false;
      }
    }
    return true;
  }
}
