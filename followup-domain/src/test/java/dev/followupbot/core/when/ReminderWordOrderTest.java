package dev.followupbot.core.when;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the time of a reminder is: before or after the note, never partly in it. Words of a time
 * left in the note mean the phrase was misread, so nothing is set. Read at Wednesday 2 December
 * 2026 10:00 in each of the four zones.
 */
class ReminderWordOrderTest {

  static final String[][] FOUND = {
    {"to call Dana tomorrow at 3pm", "2026-12-03T15:00", "to call Dana"},
    {"tomorrow at 3pm to call Dana", "2026-12-03T15:00", "to call Dana"},
    {"3pm tomorrow call Dana", "2026-12-03T15:00", "call Dana"},
    {"call Dana back in an hour and a half", "2026-12-02T11:30", "call Dana back"},
    {"in an hour and a half call Dana back", "2026-12-02T11:30", "call Dana back"},
    {"to send the invoice wednesday next week", "2026-12-09T09:00", "to send the invoice"},
    {"tonight at 8 water the plants", "2026-12-02T20:00", "water the plants"},
    {"next week review the backlog", "2026-12-07T09:00", "review the backlog"},
    {"tomorrow \"plan next week\"", "2026-12-03T09:00", "plan next week"},
    {"to check the 300 open tickets at 4pm", "2026-12-02T16:00", "to check the 300 open tickets"},
    {"check the queue at 5pm on Fridays", "every Friday at 17:00", "check the queue"},
    {
      "every monday 9am check the unclaimed queue",
      "every Monday at 09:00",
      "check the unclaimed queue"
    },
  };

  static final String[] UNCLEAR = {
    "3pm call Dana tomorrow",
    "tomorrow call Dana next week",
    "in an hour call Dana and a half",
    "call Dana tomorrow evening about the monday report",
    "tomorrow 5 call Dana",
    "call Dana",
    "to call Dana every hour",
    "at 5pm call Dana on fridays",
  };

  static Stream<Arguments> found() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : WhenGrammarTest.ZONES) {
      for (String[] row : FOUND) {
        all.add(Arguments.of(zone, row[0], row[1], row[2]));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> unclear() {
    List<Arguments> all = new ArrayList<>();
    for (String zone : WhenGrammarTest.ZONES) {
      for (String row : UNCLEAR) {
        all.add(Arguments.of(zone, row));
      }
    }
    return all.stream();
  }

  /** Splits like the command line: quoted phrases are one word. */
  static WhenGrammar.Split split(String text, WhenContext ctx, List<String> words) {
    List<Boolean> quoted = new ArrayList<>();
    boolean inQuotes = false;
    StringBuilder current = new StringBuilder();
    for (char c : (text + " ").toCharArray()) {
      if (c == '"') {
        if (inQuotes) {
          words.add(current.toString());
          quoted.add(true);
          current.setLength(0);
        }
        inQuotes = !inQuotes;
      } else if (c == ' ' && !inQuotes) {
        if (current.length() > 0) {
          words.add(current.toString());
          quoted.add(false);
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    return WhenGrammar.split(words, quoted, 0, ctx);
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is {2}, note \"{3}\"")
  @MethodSource("found")
  void the_time_is_before_or_after_the_note(String zone, String text, String when, String note) {
    WhenContext ctx = WhenContext.at(ZonedDateTime.of(WhenGrammarTest.NOW, ZoneId.of(zone)));
    List<String> words = new ArrayList<>();
    WhenGrammar.Split s = split(text, ctx, words);
    assertThat(s).as(text).isInstanceOf(WhenGrammar.Located.class);
    WhenGrammar.Located located = (WhenGrammar.Located) s;
    if (located.reading() instanceof WhenReading.At at) {
      assertThat(at.at().atZone(ctx.zone()).toLocalDateTime()).isEqualTo(LocalDateTime.parse(when));
    } else {
      assertThat(((WhenReading.Repeats) located.reading()).rule().describe()).isEqualTo(when);
    }
    List<String> rest = new ArrayList<>(words.subList(0, located.from()));
    rest.addAll(words.subList(located.to(), words.size()));
    assertThat(String.join(" ", rest)).isEqualTo(note);
  }

  @ParameterizedTest(name = "{0}: \"{1}\" is refused")
  @MethodSource("unclear")
  void words_of_a_time_left_in_the_note_are_refused(String zone, String text) {
    WhenContext ctx = WhenContext.at(ZonedDateTime.of(WhenGrammarTest.NOW, ZoneId.of(zone)));
    WhenGrammar.Split s = split(text, ctx, new ArrayList<>());
    assertThat(s).as(text).isInstanceOf(WhenGrammar.Unclear.class);
    assertThat(((WhenGrammar.Unclear) s).problem()).contains("`");
  }
}
