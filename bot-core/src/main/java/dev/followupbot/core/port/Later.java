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

  /**
   * Runs {@code task} shortly, off the caller's thread, so that a reply does not wait for it. Tasks
   * with equal keys run one at a time, in order; a task whose key is already waiting to run is
   * dropped, since the waiting one does the same work. By default it runs right here, which is what
   * deterministic tests want.
   */
  default void soon(Object key, Runnable task) {
    task.run();
  }

  /** Leaves everything delayed to the sweep and runs {@link #soon} tasks at once; for tests. */
  static Later never() {
    return (delay, task) -> {};
  }
}
