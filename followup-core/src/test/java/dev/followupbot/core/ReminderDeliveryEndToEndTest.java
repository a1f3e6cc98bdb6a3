package dev.followupbot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.quartz.QuartzReminderScheduler;
import dev.followupbot.core.quartz.QuartzSettings;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core with the real Quartz: reminders go out once, on time, through the real wake-ups. */
class ReminderDeliveryEndToEndTest {

  @Test
  void reminders_set_by_command_arrive_exactly_once_through_quartz() {
    RecordingMessenger slack = new RecordingMessenger(Platform.SLACK);
    try (Database db = TestDatabases.h2()) {
      QuartzReminderScheduler scheduler =
          QuartzReminderScheduler.create(
              db.dataSource(),
              new QuartzSettings(4, false, Duration.ofMillis(200), Duration.ofSeconds(30)));
      FollowupCore core =
          FollowupCore.builder(JdbiStorage.on(db, Clock.systemUTC()), scheduler)
              .messengers(List.of(slack))
              .config(CoreHarness.quiet(FollowupConfig.DEFAULTS))
              .node("n1")
              .clock(Clock.systemUTC())
              .build();
      scheduler.start(core.wakeUps());
      try {
        Caller ann =
            new Caller(new TenantId(Platform.SLACK, "T1"), "ann", "Ann", ZoneId.of("UTC"), "C1");
        for (int i = 0; i < 20; i++) {
          core.commands().handle(ann, "remind in 1s note " + i);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.directTo("ann").size() >= 20);
        // Extra sweeps and duplicate wake-ups change nothing.
        core.wakeUps().sweep();
        for (long id = 1; id <= 20; id++) {
          core.wakeUps().reminderDue(id);
        }
        assertThat(slack.directTo("ann")).hasSize(20);
        assertThat(slack.directTo("ann").stream().map(p -> p.message().fallbackText()).distinct())
            .hasSize(20);
      } finally {
        scheduler.close();
      }
    }
  }
}
