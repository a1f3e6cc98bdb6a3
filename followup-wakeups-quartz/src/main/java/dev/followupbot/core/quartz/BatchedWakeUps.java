package dev.followupbot.core.quartz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes wake-up changes to Quartz's tables in batches, like a database's group commit. Quartz
 * serializes every change to its tables behind one lock, so a few hundred commands setting
 * reminders at once would queue for that lock one by one; here one writer thread takes whatever
 * changes are waiting, keeps the last change per wake-up, and stores them under one lock in one
 * transaction. A caller still returns only once its change is stored (or has failed), so nothing
 * about the promise changes; only the waiting gets shorter and fairer.
 */
final class BatchedWakeUps implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchedWakeUps.class);

  /** Most changes one transaction takes; more simply wait for the next one. */
  static final int MAX_BATCH = 500;

  /** How long a caller waits for its batch: longer than the pool's wait for a connection. */
  private static final Duration CALLER_WAIT = Duration.ofSeconds(15);

  sealed interface Change {
    JobKey key();
  }

  record Schedule(JobDetail job, Trigger trigger) implements Change {
    @Override
    public JobKey key() {
      return job.getKey();
    }
  }

  record Unschedule(JobKey key) implements Change {}

  /** Unschedules the wake-up only if it is still set to start at {@code start}. */
  record Forget(JobKey key, Date start) implements Change {}

  private record Pending(Change change, CompletableFuture<Void> stored) {}

  private static final Pending STOP = new Pending(null, null);

  private final Scheduler scheduler;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  BatchedWakeUps(Scheduler scheduler) {
    this.scheduler = scheduler;
    this.writer = new Thread(this::writeUntilClosed, "followup-wake-up-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stores the change with whatever else is waiting; throws if it could not be stored. */
  void apply(Change change) throws SchedulerException {
    if (closed) {
      throw new SchedulerException("the scheduler is shutting down");
    }
    Pending pending = new Pending(change, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.stored().get(CALLER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SchedulerException s
          ? s
          : new SchedulerException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new SchedulerException(
          "the wake-up was not stored within " + CALLER_WAIT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchedulerException("interrupted while storing the wake-up");
    }
  }

  /** Queues the change with whatever else is waiting and returns at once; a failure is logged. */
  void submit(Change change) {
    if (!closed) {
      queue.add(new Pending(change, new CompletableFuture<>()));
    }
  }

  private void writeUntilClosed() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(STOP);
      write(batch);
      if (stop) {
        return;
      }
    }
  }

  private void write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    // The last change to a wake-up is the one that counts, but forgetting one that was just set
    // for another time leaves it set.
    Map<JobKey, Change> last = new LinkedHashMap<>();
    for (Pending p : batch) {
      last.merge(
          p.change().key(),
          p.change(),
          (before, now) ->
              now instanceof Forget f && before instanceof Schedule s && !startsAt(s.trigger(), f)
                  ? before
                  : now);
    }
    Map<JobDetail, Set<? extends Trigger>> schedules = new LinkedHashMap<>();
    List<JobKey> unschedules = new ArrayList<>();
    try {
      for (Change c : last.values()) {
        if (c instanceof Schedule s) {
          schedules.put(s.job(), Set.of(s.trigger()));
        } else if (c instanceof Forget f) {
          Trigger stored =
              scheduler.getTrigger(TriggerKey.triggerKey(f.key().getName(), f.key().getGroup()));
          if (stored != null && startsAt(stored, f)) {
            unschedules.add(f.key());
          }
        } else {
          unschedules.add(c.key());
        }
      }
      if (!schedules.isEmpty()) {
        scheduler.scheduleJobs(schedules, true);
      }
      if (!unschedules.isEmpty()) {
        scheduler.deleteJobs(unschedules);
      }
      batch.forEach(p -> p.stored().complete(null));
    } catch (SchedulerException | RuntimeException e) {
      log.debug("a batch of {} wake-up change(s) was not stored: {}", batch.size(), e.toString());
      batch.forEach(p -> p.stored().completeExceptionally(e));
    }
  }

  private static boolean startsAt(Trigger trigger, Forget forget) {
    return trigger.getStartTime().getTime() == forget.start().getTime();
  }

  /** Stores what is waiting, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    try {
      writer.join(CALLER_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      if (p.stored() != null) {
        p.stored().completeExceptionally(new SchedulerException("the scheduler stopped"));
      }
    }
  }
}
