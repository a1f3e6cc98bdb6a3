package dev.followupbot.core.domain;

import java.util.Locale;
import java.util.Optional;

/** How urgent a case is. Normal unless the creator says otherwise. */
public enum Priority {
  URGENT,
  HIGH,
  NORMAL,
  LOW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Priority> fromLabel(String label) {
    for (Priority p : values()) {
      if (p.label().equalsIgnoreCase(label)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
