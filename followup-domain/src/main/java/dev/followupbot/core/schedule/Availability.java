package dev.followupbot.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When a nudge may reach someone: inside their working hours and outside their quiet hours. A nudge
 * due at another moment is held to the next allowed one.
 */
public record Availability(BusinessCalendar hours, Optional<QuietHours> quiet, ZoneId quietZone) {

  public Availability {
    Objects.requireNonNull(hours, "hours");
    Objects.requireNonNull(quiet, "quiet");
    Objects.requireNonNull(quietZone, "quietZone");
  }

  /** {@code t} if allowed, otherwise the next moment that is. */
  public Instant nextAllowed(Instant t) {
    Instant candidate = t;
    for (int i = 0; i < 16; i++) {
      Instant open = hours.nextOpen(candidate);
      Instant released = quiet.map(q -> q.release(open, quietZone)).orElse(open);
      if (released.equals(open)) {
        return open;
      }
      candidate = released;
    }
    // Working hours entirely inside quiet hours: working hours win.
    return hours.nextOpen(t);
  }
}
