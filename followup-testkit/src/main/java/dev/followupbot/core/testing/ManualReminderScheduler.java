package dev.followupbot.core.testing;

import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A scheduler that wakes nobody until the test says so: {@link #fireDue} wakes everything whose
 * time has come on the test's clock, earliest first (the idea of db-scheduler's ManualScheduler).
 */
public final class ManualReminderScheduler implements ReminderScheduler {

  private final Map<WakeUp, Instant> wakeUps = new LinkedHashMap<>();
  private volatile boolean clustered;
  private volatile Optional<Set<String>> live = Optional.empty();
  private volatile Set<String> earlierLives = Set.of();

  /**
   * From now on this scheduler is one of a cluster whose members checking in are {@code live}, and
   * {@code earlierLives} are earlier lives of this node (by default it is not clustered).
   */
  public void clusteredWith(Set<String> live, Set<String> earlierLives) {
    this.clustered = true;
    this.live = Optional.of(Set.copyOf(live));
    this.earlierLives = Set.copyOf(earlierLives);
  }

  /** Clustered, and the members' check-ins cannot be read now (the database is away). */
  public void cannotReadClusterState() {
    this.live = Optional.empty();
  }

  @Override
  public boolean clustered() {
    return clustered;
  }

  @Override
  public Optional<Set<String>> liveNodes() {
    return live;
  }

  @Override
  public boolean earlierLifeOfThisNode(String claimedBy) {
    return earlierLives.contains(claimedBy);
  }

  @Override
  public synchronized void wakeAt(WakeUp wakeUp, Instant at) {
    wakeUps.put(wakeUp, at);
  }

  @Override
  public synchronized void cancel(WakeUp wakeUp) {
    wakeUps.remove(wakeUp);
  }

  @Override
  public synchronized void forget(Map<WakeUp, Instant> setFor) {
    setFor.forEach(wakeUps::remove);
  }

  public synchronized Optional<Instant> scheduledFor(long reminderId) {
    return scheduledFor(new WakeUp.ReminderDue(reminderId));
  }

  public synchronized Optional<Instant> scheduledFor(WakeUp wakeUp) {
    return Optional.ofNullable(wakeUps.get(wakeUp));
  }

  /** Everything scheduled, for assertions. */
  public synchronized Map<WakeUp, Instant> scheduled() {
    return Map.copyOf(wakeUps);
  }

  /**
   * Wakes the handler for everything due at the clock's current time, earliest first, including
   * what those wake-ups schedule for times already past; returns how many it woke.
   */
  public int fireDue(WakeUpHandler handler, Clock clock) {
    int fired = 0;
    for (int round = 0; round < 1000; round++) {
      List<Map.Entry<WakeUp, Instant>> due = new ArrayList<>();
      synchronized (this) {
        Instant now = clock.instant();
        for (Map.Entry<WakeUp, Instant> e : wakeUps.entrySet()) {
          if (!e.getValue().isAfter(now)) {
            due.add(Map.entry(e.getKey(), e.getValue()));
          }
        }
        due.forEach(e -> wakeUps.remove(e.getKey(), e.getValue()));
      }
      if (due.isEmpty()) {
        return fired;
      }
      due.sort(Comparator.comparing(Map.Entry::getValue));
      for (Map.Entry<WakeUp, Instant> e : due) {
        handler.wake(e.getKey());
        fired++;
      }
    }
    throw new AssertionError("wake-ups keep rescheduling themselves into the past");
  }
}
