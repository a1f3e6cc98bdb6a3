package dev.followupbot.core.when;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phrases with two readings are answered with both, and phrases that cannot be honoured are refused
 * with a suggestion: never a guess, in any of the four zones. Read at Wednesday 2 December 2026
 * 10:00 (working hours 09:00 to 17:00) unless the row says otherwise.
 */
class AmbiguityAndRefusalTest {

  static final String[][] CHOICES = {
    {"at 5", "Wed 2 Dec 17:00 | Thu 3 Dec 05:00"},
    {"tomorrow at 8", "Thu 3 Dec 20:00 | Thu 3 Dec 08:00"},
    {"friday at 6:30", "Fri 4 Dec 18:30 | Fri 4 Dec 06:30"},
    {"12/11", "Fri 11 Dec 09:00 | Fri 12 Nov 09:00"},
    {"friday midnight", "Fri 4 Dec 00:00 | Sat 5 Dec 00:00"},
    {"15h", "Thu 3 Dec 01:00 | Wed 2 Dec 15:00"},
  };

  static final String[] REFUSED = {
    "this morning",
    "today",
    "yesterday",
    "2026-11-30",
    "2026-02-30",
    "31 february",
    "monday 2026-12-08",
    "tuesday, december 7",
    "in",
    "in a while",
    "at",
    "at teatime",
    "in 2 years",
    "2027-12-24",
    "in 0 minutes",
    "every hour",
    "every 3 days",
    "biweekly on friday",
  };

  static Stream<Arguments> choices() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : WhenGrammarTest.ZONES) {
      for (String[] row : CHOICES) {
        all.add(Arguments.of(zone, row[0], row[1]));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> refused() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : WhenGrammarTest.ZONES) {
      for (String phrase : REFUSED) {
        all.add(Arguments.of(zone, phrase));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: \"{1}\" offers {2}")
  @MethodSource("choices")
  void a_phrase_with_two_readings_offers_both(String zone, String phrase, String expected) {
    WhenContext ctx = WhenGrammarTest.at(zone);
    WhenReading r = WhenGrammarTest.read(phrase, ctx);
    assertThat(r).as(phrase).isInstanceOf(WhenReading.Choice.class);
    WhenReading.Choice choice = (WhenReading.Choice) r;
    List<String> labels = choice.options().stream().map(WhenReading.Option::label).toList();
    assertThat(String.join(" | ", labels)).isEqualTo(expected);
    for (WhenReading.Option o : choice.options()) {
      // each button's phrase means exactly what its label says
      WhenReading again = WhenGrammarTest.read(o.phrase(), ctx);
      assertThat(again).as(o.phrase()).isInstanceOf(WhenReading.At.class);
      assertThat(WhenReading.Option.of(((WhenReading.At) again).at(), ctx.zone()).label())
          .isEqualTo(o.label());
    }
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is refused")
  @MethodSource("refused")
  void a_phrase_that_cannot_be_honoured_is_refused_with_a_suggestion(String zone, String phrase) {
    WhenReading r = WhenGrammarTest.read(phrase, WhenGrammarTest.at(zone));
    assertThat(r).as(phrase).isInstanceOf(WhenReading.Refused.class);
    assertThat(((WhenReading.Refused) r).problem()).as(phrase).containsPattern("`[^`]+`|\\.$");
  }

  @ParameterizedTest(name = "next tuesday said on a Monday offers both Tuesdays ({0})")
  @MethodSource("zones")
  void next_weekday_that_could_be_this_week_or_next_offers_both(String zone) {
    WhenContext monday =
        WhenContext.at(ZonedDateTime.of(LocalDateTime.parse("2026-11-30T10:00"), ZoneId.of(zone)));
    WhenReading r = WhenGrammar.whole(Arrays.asList("next tuesday 3pm".split(" ")), 0, monday);
    assertThat(r).isInstanceOf(WhenReading.Choice.class);
    assertThat(((WhenReading.Choice) r).options())
        .extracting(WhenReading.Option::label)
        .containsExactly("Tue 1 Dec 15:00", "Tue 8 Dec 15:00");
  }

  static Stream<String> zones() {
    return WhenGrammarTest.ZONES.stream();
  }
}
