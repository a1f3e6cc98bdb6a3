package dev.followupbot.core.service;

import dev.followupbot.core.domain.Reminder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's request to be reminded about a message (Slack's "Remind me about this"): the message,
 * in its channel and thread, its link if the platform gave one, when, and a note. {@link
 * #problems(Instant)} names the fields that cannot be used, so the form shows its errors and
 * nothing is set.
 */
public record MessageReminder(
    String channelId,
    String messageId,
    Optional<String> threadId,
    Optional<String> link,
    Instant due,
    Optional<String> note) {

  /** The longest note a form prefills from a message. */
  public static final int NOTE_FROM_MESSAGE = 150;

  /** The form's fields, as the platform's form names them. */
  public enum Field {
    WHEN,
    NOTE
  }

  public MessageReminder {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(messageId, "messageId");
    threadId = Objects.requireNonNull(threadId, "threadId").filter(t -> !t.isBlank());
    link =
        Objects.requireNonNull(link, "link")
            .map(String::strip)
            .filter(l -> !l.isEmpty() && l.length() <= Reminder.MAX_LINK);
    Objects.requireNonNull(due, "due");
    note = Objects.requireNonNull(note, "note").map(String::strip).filter(n -> !n.isEmpty());
  }

  /** The note a form starts with for a message: its first line, cut at a word boundary. */
  public static String noteFrom(String text) {
    return text == null ? "" : ConversationIntake.firstLine(text, NOTE_FROM_MESSAGE);
  }

  /**
   * The fields that cannot be used at {@code now}, each with what is wrong, in the form's order.
   */
  public Map<Field, String> problems(Instant now) {
    Map<Field, String> out = new LinkedHashMap<>();
    if (!due.isAfter(now)) {
      out.put(Field.WHEN, "That time has passed. Pick a time in the future.");
    }
    if (note.filter(n -> n.length() > Reminder.MAX_NOTE).isPresent()) {
      out.put(Field.NOTE, "Keep the note to " + Reminder.MAX_NOTE + " characters or fewer.");
    }
    return out;
  }
}
