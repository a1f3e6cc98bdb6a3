package dev.followupbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

  private static BusinessCalendar officeHours(ZoneId zone) {
    return BusinessCalendar.weekly(
        zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), DailyHours.parse("09:00-17:00"));
  }

  private static Instant at(String local, ZoneId zone) {
    return ZonedDateTime.ofLocal(java.time.LocalDateTime.parse(local), zone, null).toInstant();
  }

  @Test
  void a_deadline_inside_one_working_day_is_plain_arithmetic() {
    BusinessCalendar c = officeHours(BERLIN);
    assertThat(c.plus(at("2026-11-23T10:00", BERLIN), Duration.ofMinutes(15)))
        .isEqualTo(at("2026-11-23T10:15", BERLIN));
  }

  @Test
  void time_after_closing_continues_the_next_working_morning() {
    BusinessCalendar c = officeHours(BERLIN);
    assertThat(c.plus(at("2026-11-23T16:30", BERLIN), Duration.ofHours(1)))
        .isEqualTo(at("2026-11-24T09:30", BERLIN));
    assertThat(c.plus(at("2026-11-23T16:00", BERLIN), Duration.ofHours(1)))
        .as("exactly used up at closing time")
        .isEqualTo(at("2026-11-23T17:00", BERLIN));
  }

  @Test
  void weekends_do_not_count() {
    BusinessCalendar c = officeHours(NEW_YORK);
    // Friday 16:00 + 4 business hours = Monday 12:00.
    assertThat(c.plus(at("2026-11-27T16:00", NEW_YORK), Duration.ofHours(4)))
        .isEqualTo(at("2026-11-30T12:00", NEW_YORK));
    // Something opened on Saturday starts counting on Monday morning.
    assertThat(c.plus(at("2026-11-28T11:00", NEW_YORK), Duration.ofMinutes(15)))
        .isEqualTo(at("2026-11-30T09:15", NEW_YORK));
  }

  @Test
  void holidays_do_not_count() {
    BusinessCalendar c =
        officeHours(BERLIN)
            .withHolidays(Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));
    // Wednesday 23 Dec 16:00 + 2h: Thu 24 and Fri 25 are holidays, so Monday 28th 10:00.
    assertThat(c.plus(at("2026-12-23T16:00", BERLIN), Duration.ofHours(2)))
        .isEqualTo(at("2026-12-28T10:00", BERLIN));
    assertThat(c.nextWorkingDay(at("2026-12-23T12:00", BERLIN))).isEqualTo("2026-12-28");
  }

  @Test
  void spring_forward_skips_the_missing_hour_of_a_night_shift() {
    // Open 00:00-06:00; on 29 March 2026 Berlin jumps from 02:00 to 03:00, so that night has 5 h.
    BusinessCalendar nights =
        BusinessCalendar.weekly(
            BERLIN, EnumSet.allOf(DayOfWeek.class), DailyHours.parse("00:00-06:00"));
    Instant start = at("2026-03-29T00:00", BERLIN);
    assertThat(nights.between(start, at("2026-03-29T06:00", BERLIN)))
        .isEqualTo(Duration.ofHours(5));
    assertThat(nights.plus(start, Duration.ofHours(3))).isEqualTo(at("2026-03-29T04:00", BERLIN));
  }

  @Test
  void fall_back_counts_the_repeated_hour_when_it_is_worked() {
    // On 1 November 2026 New York repeats 01:00-02:00: a 00:00-06:00 shift lasts 7 h.
    BusinessCalendar nights =
        BusinessCalendar.weekly(
            NEW_YORK, EnumSet.allOf(DayOfWeek.class), DailyHours.parse("00:00-06:00"));
    assertThat(nights.between(at("2026-11-01T00:00", NEW_YORK), at("2026-11-01T06:00", NEW_YORK)))
        .isEqualTo(Duration.ofHours(7));
  }

  @Test
  void office_hours_are_the_same_local_hours_on_both_sides_of_a_dst_change() {
    BusinessCalendar sydney = officeHours(SYDNEY);
    // Sydney leaves DST on Sunday 5 April 2026. Friday 16:00 + 2h = Monday 10:00 local.
    assertThat(sydney.plus(at("2026-04-03T16:00", SYDNEY), Duration.ofHours(2)))
        .isEqualTo(at("2026-04-06T10:00", SYDNEY));
    assertThat(sydney.nextOpen(at("2026-04-05T12:00", SYDNEY)))
        .isEqualTo(at("2026-04-06T09:00", SYDNEY));
  }

  @Test
  void always_open_is_wall_clock_time() {
    BusinessCalendar c = BusinessCalendar.always(BERLIN);
    Instant t = at("2026-03-29T01:30", BERLIN);
    assertThat(c.plus(t, Duration.ofHours(1))).isEqualTo(t.plus(Duration.ofHours(1)));
    assertThat(c.between(t, t.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.isAlwaysOpen()).isTrue();
    assertThat(c.describe()).isEqualTo("always open (Europe/Berlin)");
  }

  @Test
  void between_counts_only_open_time() {
    BusinessCalendar c = officeHours(BERLIN);
    assertThat(c.between(at("2026-11-27T16:00", BERLIN), at("2026-11-30T10:00", BERLIN)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(c.between(at("2026-11-30T10:00", BERLIN), at("2026-11-27T16:00", BERLIN))).isZero();
  }

  @Test
  void describes_itself_compactly() {
    assertThat(officeHours(BERLIN).describe()).isEqualTo("mon-fri 09:00-17:00 Europe/Berlin");
  }

  @Test
  void hours_are_validated() {
    assertThatThrownBy(() -> DailyHours.parse("17:00-09:00"))
        .hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> DailyHours.parse("9-5")).hasMessageContaining("like 09:00-17:00");
    assertThatThrownBy(() -> DailyHours.parse("09:00-25:00"))
        .hasMessageContaining("does not exist");
    assertThat(DailyHours.parse("00:00-24:00").format()).isEqualTo("00:00-24:00");
  }
}
