package dev.followupbot.core.team;

import java.util.Locale;
import java.util.Optional;

/** What one step of an unclaimed case's escalation chain does. */
public enum EscalationAction {
  /** Post the nudge in the case's channel again. */
  NUDGE_CHANNEL,
  /** Post in the case's channel, mentioning the team's leads. */
  MENTION_LEADS,
  /** Message one named person directly ({@code to}). */
  DM,
  /** Message the next team member in rotation directly, preferring someone at work right now. */
  DM_NEXT_MEMBER;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EscalationAction> fromKey(String key) {
    for (EscalationAction a : values()) {
      if (a.key().equalsIgnoreCase(key.strip())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
