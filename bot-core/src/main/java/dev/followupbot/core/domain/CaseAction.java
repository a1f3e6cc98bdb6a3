package dev.followupbot.core.domain;

import java.util.Locale;

/** The kinds of change recorded in a case's history. */
public enum CaseAction {
  CREATED,
  CLAIMED,
  RELEASED,
  ASSIGNED,
  WAITING,
  RESUMED,
  RESOLVED,
  REOPENED,
  CLOSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
