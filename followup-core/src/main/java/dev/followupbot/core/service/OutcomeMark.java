package dev.followupbot.core.service;

import dev.followupbot.core.port.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the last attempt of an outbox entry left in its error about whether its post may already
 * have arrived. The mark is kept in {@link OutboxEntry#lastError()} (the stored text is the record)
 * and read back here, so that the next attempt looks the post up, or marks it as a possible repeat,
 * instead of posting blind.
 */
sealed interface OutcomeMark {

  /** The start of the note on an entry whose sender stopped mid-call and could not be checked. */
  String UNKNOWN_OUTCOME = "outcome unknown";

  /**
   * The mark of an entry whose last post went out but was never answered (a timeout, a connection
   * cut mid-answer), followed by when: its next attempt looks it up on the platform first.
   */
  String NO_ANSWER = "no answer since ";

  /** Nothing is unknown: the entry goes out as it is. */
  record Clear() implements OutcomeMark {}

  /** Its last post went out at {@code since} and was never answered. */
  record Unanswered(Instant since) implements OutcomeMark {

    /**
     * How far before the unanswered attempt failed its post is looked for: the call itself (Slack's
     * client gives up after 15 s) and clocks a little apart.
     */
    static final Duration LOOK_BACK = Duration.ofMinutes(2);

    /** From when the platform is searched for the post. */
    Instant searchFrom() {
      return since.minus(LOOK_BACK);
    }
  }

  /** Its sender stopped mid-call and the platform could not tell: it goes as a possible repeat. */
  record Unknown() implements OutcomeMark {}

  /** The mark {@code entry}'s last attempt left, read from its last error. */
  static OutcomeMark of(OutboxEntry entry) {
    if (entry.state().lastError().filter(e -> e.startsWith(NO_ANSWER)).isPresent()) {
      String e = entry.state().lastError().get();
      int end = e.indexOf(' ', NO_ANSWER.length());
      String at = e.substring(NO_ANSWER.length(), end < 0 ? e.length() : end);
      try {
        return new Unanswered(
            Instant.parse(at.endsWith(";") ? at.substring(0, at.length() - 1) : at));
      } catch (DateTimeParseException unreadable) {
        return new Unanswered(entry.state().createdAt());
      }
    }
    if (entry.state().lastError().filter(e -> e.startsWith(UNKNOWN_OUTCOME)).isPresent()) {
      return new Unknown();
    }
    return new Clear();
  }

  /** The note of an attempt whose post went out at {@code at} and was never answered. */
  static String unansweredAt(Instant at, String note) {
    return NO_ANSWER + at + "; " + note;
  }

  /**
   * {@code note}, after this mark if there is one: an entry handed back unsent must still be looked
   * up (or marked as a possible repeat) when it goes.
   */
  default String onto(String note) {
    if (this instanceof Unanswered unanswered) {
      return unansweredAt(unanswered.since(), note);
    }
    if (this instanceof Unknown) {
      return UNKNOWN_OUTCOME + ": " + note;
    }
    return note;
  }
}
