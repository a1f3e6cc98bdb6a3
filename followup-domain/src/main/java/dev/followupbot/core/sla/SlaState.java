package dev.followupbot.core.sla;

import java.util.Locale;

/** Where an SLA target stands. */
public enum SlaState {
  /** The clock runs and the target is comfortably ahead. */
  RUNNING,
  /** The clock runs and most of the target is used up (past the team's warning share). */
  DUE_SOON,
  /** The target passed without being met. Final once the case moves on. */
  BREACHED,
  /** The target was reached in time. Final. */
  MET,
  /** The case waits on the customer: the clock stands still and the deadline moves. */
  PAUSED,
  /** The target no longer applies: the case was reopened and a new clock started. */
  CANCELLED;

  public String label() {
    return this == DUE_SOON ? "due soon" : name().toLowerCase(Locale.ROOT);
  }
}
