package dev.followupbot.core.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Quartz on a real database: it only has to wake the core, at or after the right time. */
class QuartzReminderSchedulerTest {

  /** Records what Quartz woke; stands in for the core, which has its own tests. */
  static final class RecordingHandler implements WakeUpHandler {
    final List<Long> woken = new CopyOnWriteArrayList<>();
    final List<WakeUp> all = new CopyOnWriteArrayList<>();
    final AtomicInteger sweeps = new AtomicInteger();

    @Override
    public void wake(WakeUp wakeUp) {
      all.add(wakeUp);
      if (wakeUp instanceof WakeUp.ReminderDue due) {
        woken.add(due.reminderId());
      }
    }

    @Override
    public void sweep() {
      sweeps.incrementAndGet();
    }
  }

  private final DatabaseSettings settings = TestDatabases.h2Settings();
  private final Database db = Database.open(settings);
  private final RecordingHandler handler = new RecordingHandler();
  private QuartzReminderScheduler scheduler;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    db.close();
  }

  private QuartzReminderScheduler started() {
    QuartzReminderScheduler s =
        QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT);
    s.start(handler);
    return s;
  }

  @Test
  void speaks_the_standard_quartz_dialect_on_h2() {
    assertThat(QuartzSetup.delegateFor(db.dataSource()))
        .isEqualTo("org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
  }

  @Test
  void speaks_postgresql_s_own_quartz_dialect_there() {
    try (Database postgres = TestDatabases.postgres()) {
      assertThat(QuartzSetup.delegateFor(postgres.dataSource()))
          .isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }
  }

  @Test
  void wakes_the_core_for_a_due_reminder_and_sweeps_from_the_start() {
    scheduler = started();
    scheduler.wakeAt(7, Instant.now().plusMillis(200));
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.woken.contains(7L));
    assertThat(handler.woken).containsExactly(7L);
    assertThat(handler.sweeps.get()).isPositive();
    assertThat(scheduler.isRunning()).isTrue();
  }

  @Test
  void every_kind_of_wake_up_comes_back_as_itself() {
    scheduler = started();
    WakeUp caseTimers = new WakeUp.CaseTimers(new TenantId(Platform.TEAMS, "72f988bf-86f1"), 17);
    WakeUp nudges = new WakeUp.NudgesDue(5);
    WakeUp digest = new WakeUp.TeamDigest("billing");
    scheduler.wakeAt(caseTimers, Instant.now().plusMillis(100));
    scheduler.wakeAt(nudges, Instant.now().plusMillis(100));
    scheduler.wakeAt(digest, Instant.now().plusMillis(100));
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.all.size() >= 3);
    assertThat(handler.all).containsExactlyInAnyOrder(caseTimers, nudges, digest);
  }

  @Test
  void scheduling_again_replaces_the_wake_up_and_cancel_removes_it() {
    scheduler = started();
    scheduler.wakeAt(1, Instant.now().plusSeconds(3600));
    scheduler.wakeAt(1, Instant.now().plusMillis(100));
    scheduler.wakeAt(2, Instant.now().plusMillis(100));
    scheduler.cancel(2);
    scheduler.wakeAt(3, Instant.now().plusMillis(400));
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.woken.contains(3L));
    assertThat(handler.woken).containsExactlyInAnyOrder(1L, 3L);
  }

  @Test
  void a_wake_up_missed_while_stopped_fires_after_the_next_start() {
    QuartzReminderScheduler first =
        QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT);
    first.wakeAt(9, Instant.now().minusSeconds(120)); // came due while nothing was running
    first.close();
    assertThat(handler.woken).isEmpty();
    scheduler = started();
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.woken.contains(9L));
  }

  @Test
  void a_wake_up_later_than_the_misfire_threshold_is_counted() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    scheduler = QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT);
    scheduler.countMisfires(meters);
    scheduler.wakeAt(11, Instant.now().minusSeconds(600)); // far past the 30 s threshold
    scheduler.wakeAt(12, Instant.now().plusMillis(100)); // on time
    scheduler.start(handler);
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.woken.size() >= 2);
    assertThat(meters.get("followup.quartz.misfires").counter().count()).isEqualTo(1);
  }

  @Test
  void a_wake_up_already_past_the_misfire_threshold_fires_at_once_not_at_the_next_misfire_scan() {
    // Quartz scans for misfires once per threshold; a backlog must not wait for that scan.
    scheduler =
        QuartzReminderScheduler.create(
            db.dataSource(),
            new QuartzSettings(2, false, Duration.ofMinutes(10), Duration.ofMinutes(2)));
    scheduler.start(handler);
    scheduler.wakeAt(21, Instant.now().minus(Duration.ofMinutes(5)));
    await().atMost(Duration.ofSeconds(15)).until(() -> handler.woken.contains(21L));
  }

  @Test
  void a_forgotten_wake_up_is_dropped_unless_it_was_set_for_another_time_meanwhile() {
    scheduler = started();
    Instant soon = Instant.now().plusSeconds(2);
    Instant later = soon.plusSeconds(1);
    scheduler.wakeAt(31, soon);
    scheduler.wakeAt(32, soon);
    scheduler.wakeAt(32, later); // snoozed, say, before the forget arrives
    scheduler.forget(
        java.util.Map.of(new WakeUp.ReminderDue(31), soon, new WakeUp.ReminderDue(32), soon));
    scheduler.wakeAt(33, later); // stored after the forget, and wakes after the others
    await().atMost(Duration.ofSeconds(15)).until(() -> handler.woken.contains(33L));
    assertThat(handler.woken).contains(32L).doesNotContain(31L);
  }

  @Test
  void many_callers_at_once_are_each_stored_before_they_return_and_the_last_change_wins()
      throws Exception {
    scheduler = QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT);
    Instant soon = Instant.now().plusMillis(300);
    Thread[] callers = new Thread[8];
    for (int t = 0; t < callers.length; t++) {
      int from = t * 100;
      callers[t] =
          new Thread(
              () -> {
                for (int id = from; id < from + 100; id++) {
                  scheduler.wakeAt(id, soon);
                  // Every tenth is cancelled right after, from the same caller.
                  if (id % 10 == 0) {
                    scheduler.cancel(id);
                  }
                }
              });
      callers[t].start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    // Every call has returned, so every change is in the tables: a fresh start finds them.
    scheduler.close();
    scheduler = started();
    await().atMost(Duration.ofSeconds(20)).until(() -> handler.woken.size() >= 720);
    assertThat(handler.woken).doesNotHaveDuplicates().hasSize(720).noneMatch(id -> id % 10 == 0);
  }

  @Test
  void a_change_the_database_does_not_take_fails_for_its_caller() {
    scheduler = QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT);
    db.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> scheduler.wakeAt(5, Instant.now().plusSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not schedule");
  }

  @Test
  void clustered_it_tells_an_earlier_life_of_its_node_from_itself_and_from_other_nodes() {
    scheduler =
        QuartzReminderScheduler.create(
            db.dataSource(), QuartzSettings.DEFAULT.clustered(true), "web-1");
    String me = scheduler.instanceId();
    assertThat(scheduler.clustered()).isTrue();
    assertThat(me).startsWith("web-1-");
    long started = Long.parseLong(me.substring("web-1-".length()), 36);
    String minuteAgo = Long.toString(started - 60_000, 36);

    assertThat(scheduler.earlierLifeOfThisNode("web-1-" + minuteAgo)).isTrue();
    assertThat(scheduler.earlierLifeOfThisNode(me)).as("itself").isFalse();
    assertThat(scheduler.earlierLifeOfThisNode("web-2-" + minuteAgo)).as("another node").isFalse();
    assertThat(scheduler.earlierLifeOfThisNode("web-1-b-" + minuteAgo))
        .as("a node named web-1-b")
        .isFalse();
    assertThat(scheduler.earlierLifeOfThisNode("web-1-" + Long.toString(started + 60_000, 36)))
        .as("one that started after this one")
        .isFalse();
    assertThat(scheduler.earlierLifeOfThisNode("web-1")).isFalse();
  }

  @Test
  void not_clustered_it_says_so_and_names_no_earlier_life() {
    scheduler = QuartzReminderScheduler.create(db.dataSource(), QuartzSettings.DEFAULT, "web-1");
    assertThat(scheduler.clustered()).isFalse();
    assertThat(scheduler.earlierLifeOfThisNode("web-1-abc")).isFalse();
  }
}
