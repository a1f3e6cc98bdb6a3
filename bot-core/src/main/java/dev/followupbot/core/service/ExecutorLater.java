package dev.followupbot.core.service;

import dev.followupbot.core.port.Later;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Later} on a small daemon thread pool. Tasks run on wall-clock time; they are shortcuts the
 * sweep would also take, so whatever is pending at shutdown is simply dropped.
 */
public final class ExecutorLater implements Later, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutorLater.class);

  private final ScheduledThreadPoolExecutor executor;

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
  }

  @Override
  public void run(Duration delay, Runnable task) {
    if (executor.isShutdown()) {
      return;
    }
    executor.schedule(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("a deferred delivery failed; the sweep will retry it: {}", e.toString());
          }
        },
        Math.max(0, delay.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
