package dev.followupbot.core.team;

import java.util.Locale;
import java.util.Optional;

/**
 * What a channel's messages do: nothing ({@code off}), become cases when a team member says so with
 * a reaction or a shortcut ({@code manual}), or become cases by themselves ({@code auto}).
 */
public enum IntakeMode {
  OFF,
  MANUAL,
  AUTO;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IntakeMode> fromKey(String key) {
    for (IntakeMode m : values()) {
      if (m.key().equals(key == null ? "" : key.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
