package dev.followupbot.core.port;

import java.time.Duration;
import java.util.List;

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

  /**
   * Runs the tasks side by side where there are threads for it, and returns once every one has
   * finished. Unlike the other methods this is not a shortcut: the caller goes on with what the
   * tasks did. Tasks must not throw. By default they run one after another right here, which is
   * what deterministic tests want.
   */
  default void runAll(List<Runnable> tasks) {
    tasks.forEach(Runnable::run);
  }

  /** Leaves everything delayed to the sweep and runs {@link #soon} tasks at once; for tests. */
  static Later never() {
    return (delay, task) -> {};
  }
}
