package dev.followupbot.core.domain;

import java.util.Locale;

/** Where a case is in its life: unclaimed, owned, waiting on the customer, solved, closed. */
public enum CaseStatus {
  UNCLAIMED,
  CLAIMED,
  WAITING_ON_CUSTOMER,
  RESOLVED,
  CLOSED;

  /** Open cases still need someone's attention. */
  public boolean isOpen() {
    return this == UNCLAIMED || this == CLAIMED || this == WAITING_ON_CUSTOMER;
  }

  public String label() {
    return this == WAITING_ON_CUSTOMER ? "waiting on customer" : name().toLowerCase(Locale.ROOT);
  }
}
