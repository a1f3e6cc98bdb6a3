package dev.followupbot.core.sla;

/** What an SLA target measures. */
public enum SlaMetric {
  /** From the case's creation to its owner's first answer to the customer. */
  FIRST_RESPONSE("first response"),
  /** From the case's creation (or its last reopening) to its resolution. */
  RESOLUTION("resolution"),
  /**
   * In a case from a conversation: from the customer's reply while the case waited on them to the
   * team's next answer in the thread.
   */
  NEXT_RESPONSE("next response");

  private final String label;

  SlaMetric(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
