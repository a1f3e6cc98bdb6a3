package dev.followupbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant at(String local, ZoneId zone) {
    return ZonedDateTime.ofLocal(LocalDateTime.parse(local), zone, null).toInstant();
  }

  @Test
  void weekday_mornings_in_the_teams_zone() {
    CronSchedule c = CronSchedule.parse("0 0 9 ? * MON-FRI", BERLIN);
    assertThat(c.nextAfter(at("2026-11-23T08:00", BERLIN)))
        .contains(at("2026-11-23T09:00", BERLIN));
    assertThat(c.nextAfter(at("2026-11-23T09:00", BERLIN)))
        .contains(at("2026-11-24T09:00", BERLIN));
    assertThat(c.nextAfter(at("2026-11-27T10:00", BERLIN)))
        .contains(at("2026-11-30T09:00", BERLIN));
  }

  @Test
  void stays_at_nine_local_across_a_dst_change() {
    CronSchedule c = CronSchedule.parse("0 0 9 ? * *", NEW_YORK);
    assertThat(c.nextAfter(at("2026-11-01T00:30", NEW_YORK)))
        .contains(at("2026-11-01T09:00", NEW_YORK));
    assertThat(c.nextAfter(at("2026-11-01T09:00", NEW_YORK)))
        .contains(at("2026-11-02T09:00", NEW_YORK));
  }

  @Test
  void a_time_skipped_in_spring_fires_after_the_gap() {
    CronSchedule c = CronSchedule.parse("0 30 2 ? * *", BERLIN);
    // 2026-03-29 02:30 does not exist in Berlin: it fires at 03:30 instead, not a day late.
    assertThat(c.nextAfter(at("2026-03-29T00:00", BERLIN)))
        .contains(at("2026-03-29T03:30", BERLIN));
  }

  @Test
  void a_time_repeated_in_autumn_fires_once() {
    CronSchedule c = CronSchedule.parse("0 30 1 ? * *", NEW_YORK);
    Instant first = c.nextAfter(at("2026-11-01T00:00", NEW_YORK)).orElseThrow();
    assertThat(c.nextAfter(first)).contains(at("2026-11-02T01:30", NEW_YORK));
  }

  @Test
  void a_bad_expression_says_what_is_expected() {
    assertThatThrownBy(() -> CronSchedule.parse("every morning", BERLIN))
        .hasMessageContaining("'every morning' is not a cron expression")
        .hasMessageContaining("0 0 9 ? * MON-FRI");
  }
}
