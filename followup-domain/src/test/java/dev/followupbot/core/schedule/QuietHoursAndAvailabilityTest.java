package dev.followupbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietHoursAndAvailabilityTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static Instant at(String local, ZoneId zone) {
    return ZonedDateTime.ofLocal(LocalDateTime.parse(local), zone, null).toInstant();
  }

  @Test
  void quiet_hours_across_midnight_hold_until_the_morning() {
    QuietHours q = QuietHours.parse("20:00-08:00");
    assertThat(q.release(at("2026-11-23T21:30", BERLIN), BERLIN))
        .isEqualTo(at("2026-11-24T08:00", BERLIN));
    assertThat(q.release(at("2026-11-24T06:00", BERLIN), BERLIN))
        .isEqualTo(at("2026-11-24T08:00", BERLIN));
    assertThat(q.release(at("2026-11-24T12:00", BERLIN), BERLIN))
        .isEqualTo(at("2026-11-24T12:00", BERLIN));
  }

  @Test
  void quiet_hours_within_a_day_hold_until_they_end() {
    QuietHours lunch = QuietHours.parse("12:00-13:00");
    assertThat(lunch.release(at("2026-11-23T12:30", BERLIN), BERLIN))
        .isEqualTo(at("2026-11-23T13:00", BERLIN));
    assertThat(lunch.release(at("2026-11-23T13:00", BERLIN), BERLIN))
        .isEqualTo(at("2026-11-23T13:00", BERLIN));
  }

  @Test
  void quiet_hours_are_read_in_the_recipients_own_zone() {
    QuietHours q = QuietHours.parse("20:00-08:00");
    Instant berlinNoon = at("2026-11-23T12:00", BERLIN); // 20:00 in Tokyo
    assertThat(q.release(berlinNoon, BERLIN)).isEqualTo(berlinNoon);
    assertThat(q.release(berlinNoon, TOKYO)).isEqualTo(at("2026-11-24T08:00", TOKYO));
  }

  @Test
  void a_nudge_waits_for_working_hours_and_then_for_quiet_hours_to_end() {
    BusinessCalendar shift =
        BusinessCalendar.weekly(
            BERLIN,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            DailyHours.parse("07:00-19:00"));
    Availability a = new Availability(shift, Optional.of(QuietHours.parse("18:00-08:00")), BERLIN);
    // Saturday: wait for Monday 07:00, which is still quiet until 08:00.
    assertThat(a.nextAllowed(at("2026-11-28T10:00", BERLIN)))
        .isEqualTo(at("2026-11-30T08:00", BERLIN));
    // Friday 18:30: quiet, and then the weekend.
    assertThat(a.nextAllowed(at("2026-11-27T18:30", BERLIN)))
        .isEqualTo(at("2026-11-30T08:00", BERLIN));
    assertThat(a.nextAllowed(at("2026-11-27T10:00", BERLIN)))
        .isEqualTo(at("2026-11-27T10:00", BERLIN));
  }

  @Test
  void quiet_hours_that_swallow_the_working_day_give_way_to_working_hours() {
    BusinessCalendar day =
        BusinessCalendar.weekly(
            BERLIN, EnumSet.allOf(DayOfWeek.class), DailyHours.parse("09:00-17:00"));
    Availability a = new Availability(day, Optional.of(QuietHours.parse("08:00-18:00")), BERLIN);
    assertThat(a.nextAllowed(at("2026-11-23T10:00", BERLIN)))
        .isEqualTo(at("2026-11-23T10:00", BERLIN));
  }
}
