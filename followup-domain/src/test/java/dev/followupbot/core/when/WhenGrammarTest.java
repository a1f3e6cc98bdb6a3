package dev.followupbot.core.when;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-off {@code <when>} phrases, category by category, read at Wednesday 2 December 2026 10:00
 * with working hours Monday to Friday 09:00 to 17:00. Every table runs in four zones: the expected
 * wall-clock time is the same in each.
 */
class WhenGrammarTest {

  static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata");

  static final LocalDateTime NOW = LocalDateTime.parse("2026-12-02T10:00"); // a Wednesday

  static final String[][] ONE_OFF = {
    // words for numbers
    {"in an hour", "2026-12-02T11:00"},
    {"in one hour", "2026-12-02T11:00"},
    {"in half an hour", "2026-12-02T10:30"},
    {"in an hour and a half", "2026-12-02T11:30"},
    {"in one and a half hours", "2026-12-02T11:30"},
    {"in a couple of hours", "2026-12-02T12:00"},
    {"in two hours", "2026-12-02T12:00"},
    // decimals
    {"in 1.5 hours", "2026-12-02T11:30"},
    {"in 1.5h", "2026-12-02T11:30"},
    // durations with and without "in"
    {"in 30s", "2026-12-02T10:00:30"},
    {"in 15m", "2026-12-02T10:15"},
    {"in 1 hour 30 minutes", "2026-12-02T11:30"},
    {"in 1 hour and 30 minutes", "2026-12-02T11:30"},
    {"2h30m", "2026-12-02T12:30"},
    {"90m", "2026-12-02T11:30"},
    {"90 minutes from now", "2026-12-02T11:30"},
    {"5 minutes later", "2026-12-02T10:05"},
    {"in 3d", "2026-12-05T10:00"},
    {"in 2 days", "2026-12-04T10:00"},
    {"in 1w", "2026-12-09T10:00"},
    {"in a week", "2026-12-09T10:00"},
    // months
    {"in 1 month", "2027-01-02T10:00"},
    {"in 2 months", "2027-02-02T10:00"},
    // dates by name
    {"december 15", "2026-12-15T09:00"},
    {"December 15th", "2026-12-15T09:00"},
    {"Dec 24", "2026-12-24T09:00"},
    {"24 December", "2026-12-24T09:00"},
    {"24th of december", "2026-12-24T09:00"},
    {"on 24 dec 2026", "2026-12-24T09:00"},
    {"december 15, 2026 at 3pm", "2026-12-15T15:00"},
    {"the 15th", "2026-12-15T09:00"},
    {"on the 15th", "2026-12-15T09:00"},
    {"the 1st", "2027-01-01T09:00"},
    {"jan 5", "2027-01-05T09:00"},
    {"2026-12-01 10:00", null},
    {"2026-12-03 10:00", "2026-12-03T10:00"},
    {"2026-12-24", "2026-12-24T09:00"},
    // weekdays
    {"friday", "2026-12-04T09:00"},
    {"on Friday", "2026-12-04T09:00"},
    {"this Friday", "2026-12-04T09:00"},
    {"next Tuesday at 2pm", "2026-12-08T14:00"},
    {"next monday", "2026-12-07T09:00"},
    {"Friday of next week", "2026-12-11T09:00"},
    {"friday next week", "2026-12-11T09:00"},
    {"wednesday next week", "2026-12-09T09:00"},
    {"Friday after next", "2026-12-11T09:00"},
    {"friday 3pm", "2026-12-04T15:00"},
    {"wednesday 9am", "2026-12-09T09:00"},
    {"wednesday 4pm", "2026-12-02T16:00"},
    {"thu at 11:00", "2026-12-03T11:00"},
    // parts of the day
    {"this afternoon", "2026-12-02T14:00"},
    {"this evening", "2026-12-02T18:00"},
    {"tonight", "2026-12-02T20:00"},
    {"noon", "2026-12-02T12:00"},
    {"at noon", "2026-12-02T12:00"},
    {"lunch", "2026-12-02T12:00"},
    {"midnight", "2026-12-03T00:00"},
    {"tonight at midnight", "2026-12-03T00:00"},
    {"tomorrow morning", "2026-12-03T09:00"},
    {"tomorrow in the evening", "2026-12-03T18:00"},
    {"friday afternoon", "2026-12-04T14:00"},
    // ends
    {"eod", "2026-12-02T17:00"},
    {"end of day", "2026-12-02T17:00"},
    {"by end of day", "2026-12-02T17:00"},
    {"cob", "2026-12-02T17:00"},
    {"tomorrow eod", "2026-12-03T17:00"},
    {"end of week", "2026-12-04T17:00"},
    {"end of month", "2026-12-31T17:00"},
    // clock forms
    {"1400", "2026-12-02T14:00"},
    {"at 9.30", "2026-12-03T09:30"},
    {"930am", "2026-12-03T09:30"},
    {"3 pm", "2026-12-02T15:00"},
    {"3pm", "2026-12-02T15:00"},
    {"3 p.m.", "2026-12-02T15:00"},
    {"at 15h", "2026-12-02T15:00"},
    {"at 15h30", "2026-12-02T15:30"},
    {"at 16:30", "2026-12-02T16:30"},
    {"at 1", "2026-12-02T13:00"},
    {"at 12", "2026-12-02T12:00"},
    {"at 9", "2026-12-03T09:00"},
    {"at 08:00", "2026-12-03T08:00"},
    {"at 5 o'clock", null},
    // time before or after the day
    {"3pm tomorrow", "2026-12-03T15:00"},
    {"tomorrow 3pm", "2026-12-03T15:00"},
    {"tomorrow at 3pm", "2026-12-03T15:00"},
    {"at 9am on Saturday", "2026-12-05T09:00"},
    {"tomorrow afternoon at 5", "2026-12-03T17:00"},
    {"tonight at 8", "2026-12-02T20:00"},
    {"this morning at 11", "2026-12-02T11:00"},
    {"monday 2026-12-07", "2026-12-07T09:00"},
    {"Monday, December 7 at 10am", "2026-12-07T10:00"},
    // relative days
    {"tomorrow", "2026-12-03T09:00"},
    {"the day after tomorrow", "2026-12-04T09:00"},
    {"day after tomorrow at 4pm", "2026-12-04T16:00"},
    {"a week from today", "2026-12-09T09:00"},
    {"a week from tomorrow", "2026-12-10T09:00"},
    {"next week", "2026-12-07T09:00"},
    {"next month", "2027-01-01T09:00"},
  };

  static Stream<Arguments> oneOff() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : ZONES) {
      for (String[] row : ONE_OFF) {
        all.add(Arguments.of(zone, row[0], row[1]));
      }
    }
    return all.stream();
  }

  static WhenContext at(String zone) {
    return WhenContext.at(ZonedDateTime.of(NOW, ZoneId.of(zone)));
  }

  static WhenReading read(String phrase, WhenContext ctx) {
    return WhenGrammar.whole(Arrays.asList(phrase.split(" ")), 0, ctx);
  }

  /** The wall-clock time a phrase means, or what it said instead. */
  static String local(String phrase, WhenContext ctx) {
    WhenReading r = read(phrase, ctx);
    if (r instanceof WhenReading.At at) {
      return at.at().atZone(ctx.zone()).toLocalDateTime().toString();
    }
    return r.toString();
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is {2}")
  @MethodSource("oneOff")
  void one_off_phrases_mean_one_wall_clock_time(String zone, String phrase, String expected) {
    WhenContext ctx = at(zone);
    if (expected == null) {
      assertThat(read(phrase, ctx))
          .as(phrase)
          .isInstanceOfAny(WhenReading.Refused.class, WhenReading.Choice.class);
    } else {
      assertThat(local(phrase, ctx)).as(phrase).isEqualTo(LocalDateTime.parse(expected).toString());
    }
  }

  static final String[][] NUMERIC = {
    {"en-US", "12/24", "2026-12-24T09:00"},
    {"en-US", "12/11", "2026-12-11T09:00"},
    {"en-US", "12/24/2026", "2026-12-24T09:00"},
    {"de-DE", "24.12.", "2026-12-24T09:00"},
    {"de-DE", "24/12", "2026-12-24T09:00"},
    {"de-DE", "17.12.2026", "2026-12-17T09:00"},
    {"de-DE", "17.12.2026 14:00", "2026-12-17T14:00"},
    {"de-DE", "12/11", "2027-11-12T09:00"},
    {"en-GB", "24/12", "2026-12-24T09:00"},
    {"en-GB", "17.12.2026", "2026-12-17T09:00"},
    {"en-GB", "11/12 at 3pm", "2026-12-11T15:00"},
    {"", "12/24", "2026-12-24T09:00"},
    {"", "24.12.", "2026-12-24T09:00"},
  };

  static Stream<Arguments> numeric() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : ZONES) {
      for (String[] row : NUMERIC) {
        all.add(Arguments.of(zone, row[0], row[1], row[2]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}: \"{2}\" is {3}")
  @MethodSource("numeric")
  void numeric_dates_follow_the_persons_locale(
      String zone, String locale, String phrase, String expected) {
    WhenContext ctx =
        at(zone)
            .withLocale(
                locale.isEmpty() ? Optional.empty() : Optional.of(Locale.forLanguageTag(locale)));
    assertThat(local(phrase, ctx)).as(phrase).isEqualTo(LocalDateTime.parse(expected).toString());
  }
}
