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
              db,
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
      long pilotStart = System.nanoTime();
      int pilot = Math.min(100, count);
      Instant far = Instant.now().plus(Duration.ofDays(1));
      for (int i = 0; i < pilot; i++) {
        scheduler.wakeAt(new WakeUp.ReminderDue(-1 - i), far);
      }
      double perJobMillis = (System.nanoTime() - pilotStart) / 1e6 / pilot;
      for (int i = 0; i < pilot; i++) {
        scheduler.cancel(new WakeUp.ReminderDue(-1 - i));
      }
      due[0] = Instant.now().plusMillis(2000 + (long) (count * perJobMillis * 1.3));
      for (int i = 0; i < count; i++) {
        scheduler.wakeAt(new WakeUp.ReminderDue(i), due[0]);
      }
      Databases.analyze(Optional.of(settings.url()));
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
