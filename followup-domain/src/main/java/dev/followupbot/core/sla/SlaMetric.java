package dev.followupbot.core.sla;

/** What an SLA target measures. */
public enum SlaMetric {
  /** From the case's creation to its owner's first answer to the customer. */
  FIRST_RESPONSE("first response"),
  /** From the case's creation (or its last reopening) to its resolution. */
  RESOLUTION("resolution");

  private final String label;

  SlaMetric(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
