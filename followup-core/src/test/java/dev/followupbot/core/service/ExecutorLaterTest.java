package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorLaterTest {

  private final ExecutorLater later = new ExecutorLater(2);

  @AfterEach
  void close() {
    later.close();
  }

  @Test
  void aChangeMadeWhileItsKeyRunsIsCheckedOnceMoreAndRepeatsWhileWaitingAreDropped()
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    later.soon(
        "case-1",
        () -> {
          runs.incrementAndGet();
          running.countDown();
          await(release);
          done.countDown();
        });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 5; i++) {
      later.soon(
          "case-1",
          () -> {
            runs.incrementAndGet();
            done.countDown();
          });
    }
    release.countDown();

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    CountDownLatch fence = new CountDownLatch(1);
    later.soon("case-1", fence::countDown);
    assertThat(fence.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void tasksWithOneKeyNeverRunTwoAtOnce() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    Runnable task =
        () -> {
          most.accumulateAndGet(active.incrementAndGet(), Math::max);
          for (long spin = 0; spin < 200_000; spin++) {
            Thread.onSpinWait();
          }
          runs.incrementAndGet();
          active.decrementAndGet();
        };
    Thread[] callers = new Thread[4];
    for (int t = 0; t < callers.length; t++) {
      callers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 500; i++) {
                  later.soon("case-1", task);
                }
              });
      callers[t].start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    // A fence with the same key is dropped while a task waits, so it is offered until it runs.
    CountDownLatch fence = new CountDownLatch(1);
    for (int i = 0; i < 100 && fence.getCount() > 0; i++) {
      later.soon("case-1", fence::countDown);
      fence.await(100, TimeUnit.MILLISECONDS);
    }
    assertThat(fence.getCount()).isZero();

    assertThat(runs.get()).isGreaterThan(0);
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void aFailingTaskDoesNotStopItsLane() throws Exception {
    try (ExecutorLater oneLane = new ExecutorLater(1)) {
      oneLane.soon(
          "case-1",
          () -> {
            throw new IllegalStateException("database away");
          });
      CountDownLatch next = new CountDownLatch(1);
      oneLane.soon("case-2", next::countDown);
      assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void runAllRunsTasksSideBySideAndReturnsWhenEveryOneHasFinished() throws Exception {
    try (ExecutorLater three = new ExecutorLater(1, 2)) {
      // Each task waits for the others, so this returns only if all three run at once.
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
      AtomicInteger finished = new AtomicInteger();
      Runnable task =
          () -> {
            try {
              together.await(5, TimeUnit.SECONDS);
              finished.incrementAndGet();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      three.runAll(java.util.List.of(task, task, task));
      assertThat(finished.get()).isEqualTo(3);
    }
  }

  @Test
  void runAllCalledFromItsOwnPoolFinishesEvenWithEveryThreadBusy() {
    try (ExecutorLater small = new ExecutorLater(1, 1)) {
      AtomicInteger leaves = new AtomicInteger();
      Runnable leaf = leaves::incrementAndGet;
      Runnable branch = () -> small.runAll(java.util.List.of(leaf, leaf, leaf));
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10),
          () -> small.runAll(java.util.List.of(branch, branch, branch)));
      assertThat(leaves.get()).isEqualTo(9);
    }
  }

  @Test
  void closeLetsARunningTaskFinishInsteadOfInterruptingIt() throws Exception {
    ExecutorLater closing = new ExecutorLater(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean finished =
        new java.util.concurrent.atomic.AtomicBoolean();
    closing.soon(
        "sends",
        () -> {
          started.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
            finished.set(true);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(200); // the task is still running when close() begins
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              release.countDown();
            });
    releaser.start();
    closing.close();
    assertThat(finished.get()).isTrue();
    releaser.join();
  }

  @Test
  void closeInterruptsATaskThatOutlastsTheWaitAndReturnsOnlyOnceItHasStopped() throws Exception {
    ExecutorLater closing = new ExecutorLater(1, 1, java.time.Duration.ofMillis(50));
    CountDownLatch started = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    closing.soon(
        "sends",
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            // The step after an interrupt (recording what was sent) takes a moment of its own.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            stopped.set(true);
          }
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    closing.close();
    assertThat(stopped.get()).as("the interrupted task had stopped when close() returned").isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
