package dev.followupbot.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a body that is not valid JSON, said in the request's own terms: where, and
 * what was found there. Jackson's messages name its own classes, features and settings, which mean
 * nothing to a caller and say which library answers; none of that is repeated.
 */
final class JsonSyntax {

  private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('(.)'");
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{1,100})'");

  private JsonSyntax() {}

  /** JSON travels in UTF-8 (RFC 8259); a charset parameter may only say so. */
  static boolean utf8(String contentType) {
    for (String parameter : contentType.split(";")) {
      String p = parameter.strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        String charset = p.substring("charset=".length()).replace("\"", "").strip();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  /** For example "The body is not valid JSON (line 1, column 9): unexpected character '}'." */
  static String describe(JsonProcessingException e) {
    return "The body is not valid JSON" + where(e) + ": " + what(e) + ".";
  }

  private static String what(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (original.contains("nesting depth")) {
        return "objects and arrays are nested too deeply";
      }
      if (original.contains("Number")) {
        return "a number is too long";
      }
      if (original.contains("String")) {
        return "a string is too long";
      }
      return "it is larger than a request may be";
    }
    if (e instanceof JsonEOFException) {
      return "it ends before the JSON value is complete";
    }
    Matcher duplicate = DUPLICATE.matcher(original);
    if (duplicate.find()) {
      return "the field \"" + duplicate.group(1) + "\" appears twice";
    }
    if (original.startsWith("Trailing token")) {
      return "something follows the JSON object; send one object";
    }
    Matcher character = CHARACTER.matcher(original);
    if (character.find()) {
      char c = character.group(1).charAt(0);
      return Character.isISOControl(c)
          ? "unexpected control character (code " + (int) c + ")"
          : "unexpected character '" + c + "'";
    }
    if (original.startsWith("Illegal unquoted character")) {
      return "a control character in a string must be escaped";
    }
    if (original.startsWith("Unrecognized token") || original.startsWith("Non-standard token")) {
      return "a word that is not a JSON value (only true, false, null, numbers and quoted strings"
          + " are)";
    }
    if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF")) {
      return "it is not valid UTF-8";
    }
    if (original.contains("leading zeroes") || original.contains("Invalid numeric value")) {
      return "a number is not written as JSON numbers are";
    }
    return "it is malformed";
  }

  private static String where(JsonProcessingException e) {
    if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
      return "";
    }
    return " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }
}
