package dev.followupbot.core.domain;

/** Why a reminder exists. */
public enum ReminderKind {
  /** Set by a person for themselves or a colleague with {@code remind}. */
  FOLLOW_UP,
  /** The end of a {@code wait <case> until <when>}: time to check on the customer. */
  WAIT_OVER,
  /** Some days after a case was resolved: check in with the customer. */
  CHECK_IN
}
