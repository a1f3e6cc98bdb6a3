package dev.followupbot.core.domain;

import java.util.Locale;

/**
 * A reminder's life: pending until due, delivered when sent, done when its recipient says so.
 * Snoozing sends it back to pending. Failed means the platform refused it for good.
 */
public enum ReminderStatus {
  PENDING,
  DELIVERED,
  DONE,
  CANCELLED,
  FAILED;

  /** Still asks for its recipient's attention: may be snoozed, done or cancelled. */
  public boolean isActive() {
    return this == PENDING || this == DELIVERED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
