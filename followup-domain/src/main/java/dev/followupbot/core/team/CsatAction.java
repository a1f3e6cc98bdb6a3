package dev.followupbot.core.team;

import java.util.Locale;
import java.util.Optional;

/** What a low satisfaction score does to its case. */
public enum CsatAction {
  /** Nothing beyond recording it. */
  NOTHING,
  /** Reopen the case, back to its owner. */
  REOPEN,
  /** Tell the team's leads. */
  NOTIFY_LEAD,
  /** Both. */
  REOPEN_AND_NOTIFY_LEAD;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean reopens() {
    return this == REOPEN || this == REOPEN_AND_NOTIFY_LEAD;
  }

  public boolean notifiesLead() {
    return this == NOTIFY_LEAD || this == REOPEN_AND_NOTIFY_LEAD;
  }

  public static Optional<CsatAction> fromKey(String key) {
    for (CsatAction a : values()) {
      if (a.key().equalsIgnoreCase(key.strip())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
