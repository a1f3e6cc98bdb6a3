package dev.followupbot.core.port;

import java.time.Duration;

/**
 * Runs a task after a delay in this process. Only ever a shortcut: whatever it runs, the periodic
 * sweep would also do a little later, so a lost task (a restart, another node) costs latency, not
 * correctness.
 */
@FunctionalInterface
public interface Later {

  void run(Duration delay, Runnable task);

  /** Leaves everything to the sweep; for tests that move time by hand. */
  static Later never() {
    return (delay, task) -> {};
  }
}
