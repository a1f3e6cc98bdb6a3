package dev.followupbot.core.when;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Recurrence;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repeating phrases, read at Wednesday 2 December 2026 10:00 in each of the four zones: the rule
 * they mean (as it reads back), its first occurrence, and that the rule's own phrase reads back to
 * the same rule.
 */
class RepeatingPhrasesTest {

  static final String[][] REPEATING = {
    {"every day", "every day at 09:00", "2026-12-03T09:00"},
    {"daily at 8:30am", "every day at 08:30", "2026-12-03T08:30"},
    {"every weekday", "every weekday at 09:00", "2026-12-03T09:00"},
    {"every weekday at 9am", "every weekday at 09:00", "2026-12-03T09:00"},
    {"weekdays at 4pm", "every weekday at 16:00", "2026-12-02T16:00"},
    {"every monday", "every Monday at 09:00", "2026-12-07T09:00"},
    {"every Monday at 2pm", "every Monday at 14:00", "2026-12-07T14:00"},
    {"every monday 9am", "every Monday at 09:00", "2026-12-07T09:00"},
    {"every monday and thursday", "every Monday and Thursday at 09:00", "2026-12-03T09:00"},
    {
      "every mon, wed and fri at 10:30",
      "every Monday, Wednesday and Friday at 10:30",
      "2026-12-02T10:30"
    },
    {"at 5pm on Fridays", "every Friday at 17:00", "2026-12-04T17:00"},
    {"on fridays at 5pm", "every Friday at 17:00", "2026-12-04T17:00"},
    {"mondays and thursdays at 11", "every Monday and Thursday at 11:00", "2026-12-03T11:00"},
    {"every week", "every Wednesday at 09:00", "2026-12-09T09:00"},
    {"weekly on friday", "every Friday at 09:00", "2026-12-04T09:00"},
    {"every other week", "every other week on Wednesday at 09:00", "2026-12-16T09:00"},
    {"every other friday", "every other week on Friday at 09:00", "2026-12-04T09:00"},
    {"every other week on monday", "every other week on Monday at 09:00", "2026-12-07T09:00"},
    {"fortnightly on thursday at 3pm", "every other week on Thursday at 15:00", "2026-12-03T15:00"},
    {"every month on the 1st", "every month on the 1st at 09:00", "2027-01-01T09:00"},
    {"monthly on the 15th at 10am", "every month on the 15th at 10:00", "2026-12-15T10:00"},
    {"every month on the 31st", "every month on the 31st at 09:00", "2026-12-31T09:00"},
    {"every 1st of the month", "every month on the 1st at 09:00", "2027-01-01T09:00"},
    {"every first monday", "every first Monday at 09:00", "2026-12-07T09:00"},
    {"every first monday of the month at 9:30", "every first Monday at 09:30", "2026-12-07T09:30"},
    {"every last friday", "every last Friday at 09:00", "2026-12-25T09:00"},
    {"every second tuesday", "every second Tuesday at 09:00", "2026-12-08T09:00"},
    {"every year on 24 december", "every year on 24 December at 09:00", "2026-12-24T09:00"},
    {"every year on december 1", "every year on 1 December at 09:00", "2027-12-01T09:00"},
    {"yearly on 24.12. at 8pm", "every year on 24 December at 20:00", "2026-12-24T20:00"},
    {"every december 24", "every year on 24 December at 09:00", "2026-12-24T09:00"},
    {"every monday morning", "every Monday at 09:00", "2026-12-07T09:00"},
    {"every friday afternoon at 4", "every Friday at 16:00", "2026-12-04T16:00"},
  };

  static Stream<Arguments> repeating() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : WhenGrammarTest.ZONES) {
      for (String[] row : REPEATING) {
        all.add(Arguments.of(zone, row[0], row[1], row[2]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is {2}, first {3}")
  @MethodSource("repeating")
  void repeating_phrases_mean_a_rule(String zone, String phrase, String rule, String first) {
    WhenContext ctx = WhenGrammarTest.at(zone);
    WhenReading r = WhenGrammarTest.read(phrase, ctx);
    assertThat(r).as(phrase).isInstanceOf(WhenReading.Repeats.class);
    WhenReading.Repeats repeats = (WhenReading.Repeats) r;
    assertThat(repeats.rule().describe()).isEqualTo(rule);
    assertThat(repeats.first().atZone(ctx.zone()).toLocalDateTime().toString()).isEqualTo(first);
    assertThat(Recurrence.parse(repeats.rule().text())).isEqualTo(repeats.rule());
    WhenReading again = WhenGrammarTest.read(repeats.phrase(), ctx);
    assertThat(again).isInstanceOf(WhenReading.Repeats.class);
    assertThat(((WhenReading.Repeats) again).rule()).isEqualTo(repeats.rule());
  }

  @ParameterizedTest(name = "{0}: skip holidays is read")
  @MethodSource("zones")
  void skip_holidays_is_part_of_the_phrase(String zone) {
    WhenReading r =
        WhenGrammarTest.read("every weekday at 9am skip holidays", WhenGrammarTest.at(zone));
    assertThat(r).isInstanceOf(WhenReading.Repeats.class);
    assertThat(((WhenReading.Repeats) r).skipHolidays()).isTrue();
    assertThat(((WhenReading.Repeats) r).phrase())
        .isEqualTo("every weekday at 09:00 skip holidays");
  }

  @ParameterizedTest(name = "{0}: a bare hour outside working hours offers both rules")
  @MethodSource("zones")
  void a_repeating_bare_hour_outside_working_hours_offers_both(String zone) {
    WhenReading r = WhenGrammarTest.read("every monday at 7", WhenGrammarTest.at(zone));
    assertThat(r).isInstanceOf(WhenReading.Choice.class);
    assertThat(((WhenReading.Choice) r).options())
        .extracting(WhenReading.Option::phrase)
        .containsExactly("every Monday at 19:00", "every Monday at 07:00");
  }

  static Stream<String> zones() {
    return WhenGrammarTest.ZONES.stream();
  }
}
