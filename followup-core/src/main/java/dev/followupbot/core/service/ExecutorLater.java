package dev.followupbot.core.service;

import dev.followupbot.core.port.Later;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
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
 * tasks with equal keys in order and never two at once. {@link #runAll} tasks share a pool of their
 * own, and the caller runs whichever of them no pool thread has started, so a caller that is itself
 * on a pool thread never waits for threads that are waiting for it.
 */
public final class ExecutorLater implements Later, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutorLater.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(2);

  private final Duration closeWait;

  private final ScheduledThreadPoolExecutor executor;
  private final ExecutorService[] lanes;
  private final ExecutorService side;
  private final Set<Object> waiting = ConcurrentHashMap.newKeySet();

  public ExecutorLater(int threads) {
    this(threads, threads);
  }

  /** With {@code sideBySide} threads for {@link #runAll}. */
  public ExecutorLater(int threads, int sideBySide) {
    this(threads, sideBySide, CLOSE_WAIT);
  }

  ExecutorLater(int threads, int sideBySide, Duration closeWait) {
    this.closeWait = closeWait;
    this.side =
        Executors.newFixedThreadPool(
            sideBySide,
            runnable -> {
              Thread t = new Thread(runnable, "followup-side");
              t.setDaemon(true);
              return t;
            });
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
      // Never early: a task set for a moment (a sending slot) must not run before it.
      executor.schedule(() -> runLogged(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
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

  @Override
  public void runAll(List<Runnable> tasks) {
    List<FutureTask<Void>> all = new ArrayList<>(tasks.size());
    for (Runnable task : tasks) {
      all.add(new FutureTask<>(() -> runLogged(task), null));
    }
    for (int i = 1; i < all.size(); i++) {
      try {
        side.execute(all.get(i));
      } catch (RejectedExecutionException e) {
        // closing: this thread runs it below
      }
    }
    // A task a pool thread already started is not run again; the rest run here.
    for (FutureTask<Void> task : all) {
      task.run();
    }
    boolean interrupted = false;
    for (FutureTask<Void> task : all) {
      while (true) {
        try {
          task.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // runLogged has logged it
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("a deferred task failed; the sweep will do it: {}", e.toString());
    }
  }

  /**
   * Drops what is waiting for its delay, lets what is running finish for up to {@link #CLOSE_WAIT}
   * (so a batch of sends is recorded while the database is still open), then interrupts the rest
   * and gives them {@link #INTERRUPTED_WAIT} to stop at their next step.
   */
  @Override
  public void close() {
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    List<ExecutorService> all = new ArrayList<>(List.of(lanes));
    all.add(executor);
    all.add(side);
    all.forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + closeWait.toNanos();
    try {
      for (ExecutorService pool : all) {
        pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(ExecutorService::shutdownNow);
    // An interrupted task stops at its next step; give it that moment before the caller closes
    // the database under it.
    try {
      for (ExecutorService pool : all) {
        pool.awaitTermination(INTERRUPTED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
