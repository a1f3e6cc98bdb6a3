package dev.followupbot.core.service;

import dev.followupbot.core.port.Later;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Later} on small daemon thread pools. Delayed tasks run on wall-clock time; they are
 * shortcuts the sweep would also take, so whatever is pending at shutdown is simply dropped.
 *
 * <p>{@link #soon} tasks go to one of a few single-thread lanes chosen by key, which is what keeps
 * tasks with equal keys in order and never two at once.
 */
public final class ExecutorLater implements Later, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutorLater.class);

  private final ScheduledThreadPoolExecutor executor;
  private final ExecutorService[] lanes;
  private final Set<Object> waiting = ConcurrentHashMap.newKeySet();

  public ExecutorLater(int threads) {
    this.executor =
        new ScheduledThreadPoolExecutor(
            threads,
            runnable -> {
              Thread t = new Thread(runnable, "followup-later");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.lanes = new ExecutorService[threads];
    for (int i = 0; i < threads; i++) {
      String name = "followup-soon-" + i;
      lanes[i] =
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread t = new Thread(runnable, name);
                t.setDaemon(true);
                return t;
              });
    }
  }

  @Override
  public void run(Duration delay, Runnable task) {
    if (executor.isShutdown()) {
      return;
    }
    try {
      executor.schedule(
          () -> runLogged(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: the sweep of the next start does it.
    }
  }

  @Override
  public void soon(Object key, Runnable task) {
    if (!waiting.add(key)) {
      return;
    }
    try {
      lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(
          () -> {
            // Taken off before running, so a change made while this runs queues one more run.
            waiting.remove(key);
            runLogged(task);
          });
    } catch (RejectedExecutionException e) {
      waiting.remove(key);
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("a deferred task failed; the sweep will do it: {}", e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
  }
}
