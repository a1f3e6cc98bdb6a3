package dev.followupbot.bench;

import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WakeUpHandler;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The baseline for the storm: raw Quartz, configured exactly as followup-bot configures it (same
 * JDBC job store, same threads, same database vendor), firing no-op jobs all due at one instant.
 */
final class QuartzBaseline {

  private QuartzBaseline() {}

  static Storm.Result run(DatabaseSettings settings, int count, int threads) throws Exception {
    List<Long> lateness = new CopyOnWriteArrayList<>();
    ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();
    long[] last = {0};
    try (Database db = Database.open(settings)) {
      QuartzReminderScheduler scheduler =
          QuartzReminderScheduler.create(
              db.dataSource(),
              new QuartzSettings(threads, false, Duration.ofSeconds(5), Duration.ofSeconds(30)));
      Instant[] due = new Instant[1];
      WakeUpHandler noOp =
          new WakeUpHandler() {
            @Override
            public void wake(WakeUp wakeUp) {
              long now = System.currentTimeMillis();
              if (wakeUp instanceof WakeUp.ReminderDue r
                  && seen.putIfAbsent(r.reminderId(), true) == null) {
                lateness.add(now - due[0].toEpochMilli());
                synchronized (last) {
                  last[0] = Math.max(last[0], now);
                }
              }
            }

            @Override
            public void sweep() {}
          };
      // Stored by as many callers as the bot's storm is, so their wake-ups share batches too,
      // while the scheduler stands by: nothing fires before it starts, so the jobs can be due
      // from the first one stored, and the storm is measured from the start.
      due[0] = Instant.now();
      BenchBot.inParallel(count, i -> scheduler.wakeAt(new WakeUp.ReminderDue(i), due[0]));
      Databases.analyze(Optional.of(settings.url()));
      due[0] = Instant.now();
      scheduler.start(noOp);
      long deadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
      while (seen.size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      scheduler.close();
    }
    return Storm.Result.of(count, lateness, 0, last[0], seen.size());
  }
}
