package dev.followupbot.app.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a paged list: where the previous page ended (a case number, or a
 * delivery id). Clients pass {@code next_cursor} back unchanged.
 */
record PageCursor(long after) {

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + after).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or a 400 naming the {@code cursor} parameter. */
  static PageCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (plain.startsWith("after:")) {
        long after = Long.parseLong(plain.substring("after:".length()));
        if (after >= 0) {
          return new PageCursor(after);
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the answer below
    }
    throw ApiProblem.badRequest("cursor", "is not a cursor this API gave out; use next_cursor");
  }
}
