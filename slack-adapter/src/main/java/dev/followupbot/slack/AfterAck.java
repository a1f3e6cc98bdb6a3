package dev.followupbot.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must wait until Slack has its acknowledgement: posting answers, updating messages,
 * delivering what a command queued. Slack gives a request three seconds, so nothing slow runs
 * before the ack; and everything here is safe to lose, because what matters was written to the
 * database before the ack (the outbox and the sweep deliver it anyway).
 *
 * <p>While an HTTP request is being handled, tasks wait until its response has been written and
 * flushed, then run in order on the executor. Outside a request (Socket Mode) they go to the
 * executor at once.
 */
final class AfterAck {

  private static final Logger log = LoggerFactory.getLogger(AfterAck.class);

  private final Executor executor;
  private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

  AfterAck(Executor executor) {
    this.executor = executor;
  }

  void run(Runnable task) {
    List<Runnable> queue = pending.get();
    if (queue != null) {
      queue.add(task);
    } else {
      submit(List.of(task));
    }
  }

  /** Starts holding tasks on this thread (the servlet calls it before handing the request on). */
  void hold() {
    pending.set(new ArrayList<>());
  }

  /** Stops holding and runs what was held (the servlet calls it after flushing the response). */
  void release() {
    List<Runnable> queue = pending.get();
    pending.remove();
    if (queue != null && !queue.isEmpty()) {
      submit(queue);
    }
  }

  private void submit(List<Runnable> tasks) {
    List<Runnable> copy = List.copyOf(tasks);
    try {
      executor.execute(
          () -> {
            for (Runnable task : copy) {
              try {
                task.run();
              } catch (RuntimeException e) {
                log.error("Slack follow-up work failed after the acknowledgement", e);
              }
            }
          });
    } catch (RuntimeException e) {
      // Shutting down: the sweep delivers what was queued; answers are lost, as in a crash.
      log.warn("could not run Slack follow-up work after the acknowledgement: {}", e.toString());
    }
  }
}
