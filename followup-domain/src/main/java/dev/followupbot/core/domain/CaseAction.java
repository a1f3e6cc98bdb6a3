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
  CLOSED,
  /** The owner reported progress; the case is alive. */
  PROGRESS,
  /** The owner answered the customer (the first time, this is the first response). */
  ANSWERED,
  /** A customer satisfaction score was recorded. */
  RATED,
  /** A team member's first reply in the case's thread: the case's first response. */
  FIRST_RESPONSE,
  /** The customer wrote in the case's thread while it waited on them: the team's turn again. */
  CUSTOMER_REPLIED,
  /**
   * The customer wrote only a pleasantry ("thanks") while the case waited on them: nothing changes
   * but the time of their last word, which restarts the wait for their reply.
   */
  CUSTOMER_ACKNOWLEDGED,
  /** The subject, customer or priority changed (from a helpdesk, through the REST API). */
  UPDATED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
