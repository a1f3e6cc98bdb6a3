package dev.followupbot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  @Test
  void parses_and_formats_a_weekday_range() {
    WorkingHours h = WorkingHours.parse("mon-fri 09:00-17:30");
    assertThat(h.days())
        .containsExactlyInAnyOrder(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
    assertThat(h.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(h.format()).isEqualTo("mon-fri 09:00-17:30");
  }

  @Test
  void a_range_may_wrap_the_week_and_must_end_after_it_starts() {
    assertThat(WorkingHours.parse("sun-tue 08:00-12:00").days())
        .containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
    assertThatThrownBy(() -> WorkingHours.parse("mon 17:00-09:00"))
        .hasMessageContaining("end after");
    assertThatThrownBy(() -> WorkingHours.parse("weekdays"))
        .hasMessageContaining("mon-fri 09:00-17:00");
  }
}
