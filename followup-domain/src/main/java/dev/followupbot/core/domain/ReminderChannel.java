package dev.followupbot.core.domain;

import java.util.Objects;

/**
 * The channel a reminder is posted in: its platform id, and the name it was set with ({@code
 * #support}), which is how confirmations and lists show it.
 */
public record ReminderChannel(String id, String name) {

  /** Longest channel id or name kept. */
  public static final int MAX = 200;

  public ReminderChannel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    id = id.strip();
    name = name.strip();
    if (id.isEmpty() || id.length() > MAX) {
      throw new IllegalArgumentException("channel id must be 1 to " + MAX + " characters");
    }
    if (name.isEmpty()) {
      name = id;
    }
    if (name.length() > MAX) {
      name = name.substring(0, MAX);
    }
  }

  /** "#support". */
  public String label() {
    return name.startsWith("#") ? name : "#" + name;
  }
}
