package dev.followupbot.core.when;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Recurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phrases read the evening before each 2026 DST change of each zone (Asia/Kolkata has none, and its
 * dates are kept as a control): wall-clock phrases keep their wall-clock time, exact lengths keep
 * their length, and a daily 09:00 stays 09:00 on both sides.
 */
class DaylightSavingTest {

  /** The zone, and the Sunday of each of its 2026 changes. */
  static final String[][] CHANGES = {
    {"Europe/Berlin", "2026-03-29"},
    {"Europe/Berlin", "2026-10-25"},
    {"America/New_York", "2026-03-08"},
    {"America/New_York", "2026-11-01"},
    {"Australia/Sydney", "2026-04-05"},
    {"Australia/Sydney", "2026-10-04"},
    {"Asia/Kolkata", "2026-03-29"},
    {"Asia/Kolkata", "2026-10-25"},
  };

  static final String[][] WALL_CLOCK = {
    {"tomorrow 9am", "+1 09:00"},
    {"tomorrow", "+1 09:00"},
    {"in 2 days", "+2 20:00"},
    {"in 1 week", "+7 20:00"},
    {"next week", "+2 09:00"},
    {"sunday at 10:30", "+1 10:30"},
    {"monday eod", "+2 17:00"},
  };

  static Stream<Arguments> wallClock() {
    List<Arguments> all = new ArrayList<>();
    for (String[] change : CHANGES) {
      for (String[] row : WALL_CLOCK) {
        all.add(Arguments.of(change[0], change[1], row[0], row[1]));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> changes() {
    return Stream.of(CHANGES).map(c -> Arguments.of(c[0], c[1]));
  }

  /** Saturday 20:00 before the change. */
  static WhenContext eve(String zone, String sunday) {
    return WhenContext.at(
        ZonedDateTime.of(LocalDate.parse(sunday).minusDays(1).atTime(20, 0), ZoneId.of(zone)));
  }

  @ParameterizedTest(name = "{0}, change on {1}: \"{2}\" is {3}")
  @MethodSource("wallClock")
  void wall_clock_phrases_keep_their_time_across_the_change(
      String zone, String sunday, String phrase, String expected) {
    WhenContext ctx = eve(zone, sunday);
    WhenReading r = WhenGrammarTest.read(phrase, ctx);
    assertThat(r).as(phrase).isInstanceOf(WhenReading.At.class);
    String[] parts = expected.split(" ");
    LocalDateTime want =
        LocalDate.parse(sunday)
            .minusDays(1)
            .plusDays(Integer.parseInt(parts[0].substring(1)))
            .atTime(LocalTime.parse(parts[1]));
    assertThat(((WhenReading.At) r).at().atZone(ctx.zone()).toLocalDateTime()).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}, change on {1}: in 24 hours is exactly 24 hours")
  @MethodSource("changes")
  void exact_lengths_keep_their_length(String zone, String sunday) {
    WhenContext ctx = eve(zone, sunday);
    WhenReading r = WhenGrammarTest.read("in 24 hours", ctx);
    assertThat(Duration.between(ctx.now().toInstant(), ((WhenReading.At) r).at()))
        .isEqualTo(Duration.ofHours(24));
  }

  @ParameterizedTest(name = "{0}, change on {1}: every day at 9am stays 09:00")
  @MethodSource("changes")
  void a_daily_nine_oclock_stays_nine_oclock(String zone, String sunday) {
    WhenContext ctx = eve(zone, sunday);
    Recurrence daily = ((WhenReading.Repeats) WhenGrammarTest.read("every day at 9am", ctx)).rule();
    Instant t = ctx.now().toInstant();
    for (int i = 0; i < 4; i++) {
      t = daily.next(t, ctx.zone(), d -> false).orElseThrow();
      assertThat(t.atZone(ctx.zone()).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
      assertThat(t.atZone(ctx.zone()).toLocalDate()).isEqualTo(LocalDate.parse(sunday).plusDays(i));
    }
  }
}
