package dev.followupbot.core.testing;

import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.WakeUpHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scheduler that wakes nobody until the test says so: {@link #fireDue} wakes every reminder whose
 * time has come on the test's clock (the idea of db-scheduler's ManualScheduler).
 */
public final class ManualReminderScheduler implements ReminderScheduler {

  private final Map<Long, Instant> wakeUps = new TreeMap<>();

  @Override
  public synchronized void wakeAt(long reminderId, Instant at) {
    wakeUps.put(reminderId, at);
  }

  @Override
  public synchronized void cancel(long reminderId) {
    wakeUps.remove(reminderId);
  }

  public synchronized Optional<Instant> scheduledFor(long reminderId) {
    return Optional.ofNullable(wakeUps.get(reminderId));
  }

  /** Wakes the handler for every reminder due at the clock's current time; returns how many. */
  public int fireDue(WakeUpHandler handler, Clock clock) {
    List<Long> due = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      wakeUps
          .entrySet()
          .removeIf(
              e -> {
                if (!e.getValue().isAfter(now)) {
                  due.add(e.getKey());
                  return true;
                }
                return false;
              });
    }
    due.forEach(handler::reminderDue);
    return due.size();
  }
}
