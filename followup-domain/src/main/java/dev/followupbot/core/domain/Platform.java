package dev.followupbot.core.domain;

import java.util.Locale;

/** The chat platforms followup-bot speaks to. The console is a platform too, for local runs. */
public enum Platform {
  SLACK,
  TEAMS,
  CONSOLE;

  /** Lower-case name used in tenant keys, e.g. {@code slack}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Platform fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
