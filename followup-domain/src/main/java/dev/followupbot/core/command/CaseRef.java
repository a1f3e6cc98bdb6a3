package dev.followupbot.core.command;

import java.util.Optional;
import java.util.regex.Pattern;

/** How a person names a case: its number ({@code 42}, {@code #42}) or its helpdesk reference. */
public record CaseRef(Optional<Integer> number, Optional<String> externalRef) {

  private static final Pattern NUMBER = Pattern.compile("#?\\d{1,9}");
  private static final Pattern EXTERNAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}");
  private static final Pattern TICKET_LIKE = Pattern.compile("[A-Za-z]+-\\d+");

  public static Optional<CaseRef> parse(String token) {
    if (NUMBER.matcher(token).matches()) {
      return Optional.of(
          new CaseRef(Optional.of(Integer.parseInt(token.replace("#", ""))), Optional.empty()));
    }
    if (EXTERNAL.matcher(token).matches()) {
      return Optional.of(new CaseRef(Optional.empty(), Optional.of(token)));
    }
    return Optional.empty();
  }

  /** A token that can only be meant as a case where a time could also follow: #42, 42, ZD-4211. */
  static boolean looksLikeCase(String token) {
    return NUMBER.matcher(token).matches() || TICKET_LIKE.matcher(token).matches();
  }

  /** How to show this reference back to the person who typed it. */
  public String display() {
    return number.map(n -> "#" + n).orElseGet(() -> externalRef.orElse("?"));
  }
}
