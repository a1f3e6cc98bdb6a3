package dev.followupbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenParserTest {

  private static WhenParser.Result read(String words, ZonedDateTime now) {
    List<String> list = Arrays.asList(words.split(" "));
    return WhenParser.parse(list, 0, now);
  }

  private static Instant at(String words, ZonedDateTime now) {
    WhenParser.Result r = read(words, now);
    assertThat(r).as("'%s'", words).isInstanceOf(WhenParser.Found.class);
    return ((WhenParser.Found) r).at();
  }

  private static ZonedDateTime local(String iso, String zone) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(iso), ZoneId.of(zone));
  }

  @ParameterizedTest
  @CsvSource({
    "in 30s, 2026-11-23T10:00:30",
    "in 15m, 2026-11-23T10:15",
    "in 2h, 2026-11-23T12:00",
    "in 3d, 2026-11-26T10:00",
    "in 1w, 2026-11-30T10:00",
    "in 1 hour 30 minutes, 2026-11-23T11:30",
    "in an hour, 2026-11-23T11:00",
    "tomorrow 9am, 2026-11-24T09:00",
    "tomorrow at 14:30, 2026-11-24T14:30",
    "tomorrow, 2026-11-24T09:00",
    "monday 14:00, 2026-11-23T14:00",
    "monday 9am, 2026-11-30T09:00",
    "friday, 2026-11-27T09:00",
    "next monday, 2026-11-30T09:00",
    "next week, 2026-11-30T09:00",
    "at 16:30, 2026-11-23T16:30",
    "at 9:30, 2026-11-24T09:30",
    "4pm, 2026-11-23T16:00",
    "2026-12-01 10:00, 2026-12-01T10:00",
    "2026-12-01, 2026-12-01T09:00",
    "today at noon, 2026-11-23T12:00",
    "tonight, 2026-11-23T20:00"
  })
  void reads_times_in_the_speakers_zone(String words, String expectedLocal) {
    ZonedDateTime now = local("2026-11-23T10:00", "Europe/Berlin"); // a Monday
    assertThat(at(words, now)).isEqualTo(local(expectedLocal, "Europe/Berlin").toInstant());
  }

  @Test
  void tomorrow_9am_means_each_persons_own_9am() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    Instant berlin = at("tomorrow 9am", now.atZone(ZoneId.of("Europe/Berlin")));
    Instant newYork = at("tomorrow 9am", now.atZone(ZoneId.of("America/New_York")));
    Instant tokyo = at("tomorrow 9am", now.atZone(ZoneId.of("Asia/Tokyo")));
    assertThat(berlin).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(newYork).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    // In Tokyo it is already 19:00 on the 23rd, so tomorrow is the 24th there too.
    assertThat(tokyo).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
  }

  @Test
  void tomorrow_9am_across_the_spring_forward_keeps_nine_on_the_wall_clock() {
    // Europe/Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    ZonedDateTime saturday = local("2026-03-28T18:00", "Europe/Berlin");
    assertThat(at("tomorrow 9am", saturday)).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    assertThat(at("in 1d", saturday)).isEqualTo(saturday.toInstant().plusSeconds(86400));
  }

  @Test
  void tomorrow_9am_across_the_fall_back_in_new_york() {
    // America/New_York moves from UTC-4 to UTC-5 on Sunday 1 November 2026.
    ZonedDateTime saturday = local("2026-10-31T20:00", "America/New_York");
    assertThat(at("tomorrow 9am", saturday)).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
  }

  @Test
  void a_wall_clock_time_skipped_by_dst_moves_forward() {
    ZonedDateTime saturday = local("2026-03-28T18:00", "Europe/Berlin");
    // 02:30 does not exist on 29 March in Berlin; it becomes 03:30 local.
    assertThat(at("tomorrow 2:30", saturday)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void past_moments_are_refused_and_far_ones_too() {
    ZonedDateTime now = local("2026-11-23T10:00", "Europe/Berlin");
    assertThat(read("today 9am", now)).isInstanceOf(WhenParser.Invalid.class);
    assertThat(((WhenParser.Invalid) read("2026-01-05 10:00", now)).problem())
        .contains("already passed");
    assertThat(((WhenParser.Invalid) read("in 2000d", now)).problem()).contains("year");
    assertThat(read("in 0m", now)).isInstanceOf(WhenParser.Invalid.class);
    assertThat(read("2026-02-30", now)).isInstanceOf(WhenParser.Invalid.class);
  }

  @Test
  void words_that_are_no_time_are_not_a_time() {
    ZonedDateTime now = local("2026-11-23T10:00", "Europe/Berlin");
    assertThat(read("call Dana", now)).isInstanceOf(WhenParser.NotATime.class);
    assertThat(read("42", now)).isInstanceOf(WhenParser.NotATime.class);
    assertThat(read("25:00", now)).isInstanceOf(WhenParser.NotATime.class);
  }
}
