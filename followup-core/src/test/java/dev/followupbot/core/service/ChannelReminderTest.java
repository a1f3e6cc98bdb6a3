package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.port.Destination;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channel reminders: {@code remind #channel <when> <note>} posts in the channel, not to a person; a
 * series repeats in the zone of the team that owns the channel; anyone may press Done or Snooze on
 * an occurrence, and only whoever set it or an admin may cancel it.
 */
class ChannelReminderTest {

  private static final String TEAMS =
      """
      teams:
        - id: support
          channels: [C-SUPPORT]
          timezone: Europe/Berlin
        - id: ops
          channels: [C0OPS]
          timezone: America/New_York
          admins: [lead]
          holidays: [2026-12-09]
      """;

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private final List<CoreHarness> harnesses = new ArrayList<>();

  @AfterEach
  void close() {
    harnesses.forEach(CoreHarness::close);
  }

  /** A bot whose clock reads {@code local} in Berlin. */
  private CoreHarness bot(String local) {
    CoreHarness h =
        new CoreHarness(
            TestDatabases.h2(),
            Configs.quietExcept(TEAMS),
            new MutableClock(
                ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of("Europe/Berlin"))
                    .toInstant()));
    harnesses.add(h);
    return h;
  }

  @Test
  void a_one_off_in_a_linked_channel_is_posted_there_and_not_sent_to_anyone() {
    CoreHarness bot = bot("2026-12-07T10:00"); // a Monday
    Caller ann = bot.person("ann", "Europe/Berlin");
    String set = bot.text(ann, "remind <#C0OPS|ops> tomorrow 9am check the unclaimed queue");
    assertThat(set)
        .contains("Okay, I'll post in #ops on Tue 8 Dec at 09:00 your time")
        .contains("America/New_York")
        .contains(": check the unclaimed queue. It's reminder 1")
        .contains("you or an admin can `cancel 1`");

    bot.advance(Duration.ofHours(24));

    List<RecordingMessenger.Post> posts = bot.slack.inChannel("C0OPS");
    assertThat(posts).hasSize(1);
    assertThat(bot.slack.directTo("ann")).isEmpty();
    String text = Replies.text(posts.get(0).message());
    assertThat(text)
        .contains("⏰ Reminder: check the unclaimed queue")
        .contains("set by ann")
        .doesNotContain("set by you");
    assertThat(Replies.buttonCommands(posts.get(0).message())).contains("done 1", "snooze 1 20m");
  }

  @Test
  void a_series_in_a_channel_repeats_in_its_teams_zone_and_skips_its_holidays() {
    CoreHarness bot = bot("2026-12-07T10:00"); // Monday, 04:00 in New York
    Caller ann = bot.person("ann", "Europe/Berlin");
    String set =
        bot.text(
            ann,
            "remind <#C0OPS|ops> every weekday at 9am skip holidays check the unclaimed queue");
    assertThat(set)
        .contains("Okay, I'll post in #ops every weekday at 09:00 America/New_York time")
        .contains("skipping the team's holidays, first on Mon 7 Dec at 09:00")
        .contains("`cancel 1` (you or an admin) ends the series");

    List<String> arrived = new ArrayList<>();
    for (int hour = 0; hour < 24 * 5; hour++) {
      int before = bot.slack.inChannel("C0OPS").size();
      bot.advance(Duration.ofHours(1));
      for (int k = before; k < bot.slack.inChannel("C0OPS").size(); k++) {
        arrived.add(bot.clock.instant().atZone(NEW_YORK).format(WHEN));
      }
    }
    // Wednesday 9 December is the ops team's holiday.
    assertThat(arrived).containsExactly("Mon 09:00", "Tue 09:00", "Thu 09:00", "Fri 09:00");
    assertThat(bot.slack.directTo("ann")).isEmpty();
    assertThat(Replies.buttonLabels(bot.slack.inChannel("C0OPS").get(0).message()))
        .contains("Done", "Stop series");
  }

  @Test
  void a_channel_named_without_a_link_is_the_channel_the_command_was_typed_in() {
    CoreHarness bot = bot("2026-12-07T10:00");
    Caller ann = bot.person("ann", "Europe/Berlin"); // types in C-SUPPORT
    assertThat(bot.text(ann, "remind #support in 2h look at the backlog"))
        .contains("Okay, I'll post in #support");
    bot.advance(Duration.ofHours(2));
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).hasSize(1);
  }

  @Test
  void a_channel_named_without_a_link_in_a_direct_chat_sets_nothing() {
    CoreHarness bot = bot("2026-12-07T10:00");
    bot.slack.directChat("D-ANN", "ann");
    Caller ann = new Caller(CoreHarness.ACME, "ann", "Ann", ZoneId.of("Europe/Berlin"), "D-ANN");
    assertThat(bot.text(ann, "remind #support in 2h look at the backlog"))
        .contains("I can't tell which channel #support is from here")
        .contains("Type the command in that channel");
    assertThat(bot.text(ann, "reminders")).contains("You have no pending reminders");
  }

  @Test
  void anyone_may_mark_an_occurrence_done_but_only_the_setter_or_an_admin_may_cancel() {
    CoreHarness bot = bot("2026-12-07T10:00");
    Caller ann = bot.person("ann", "Europe/Berlin");
    Caller bob = bot.person("bob", "Europe/Berlin");
    Caller lead = bot.person("lead", "Europe/Berlin");
    bot.say(ann, "remind <#C0OPS|ops> every day at 9am check the unclaimed queue");
    bot.advance(Duration.ofHours(6)); // 09:00 in New York: the first occurrence is posted

    assertThat(bot.slack.inChannel("C0OPS")).hasSize(1);
    assertThat(bot.text(bob, "done 1")).contains("Marked reminder 1 done");
    assertThat(bot.text(bob, "cancel 2"))
        .contains("Reminder 2 posts in #ops; only ann, who set it, or an admin of its team can")
        .contains("cancel it");
    assertThat(bot.text(lead, "cancel 2")).contains("Cancelled reminder 2 and ended its series");
  }

  @Test
  void the_setter_sees_a_channel_reminder_in_their_list_with_its_channel() {
    CoreHarness bot = bot("2026-12-07T10:00");
    Caller ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "remind <#C0OPS|ops> tomorrow 9am check the unclaimed queue");
    assertThat(bot.text(ann, "reminders")).contains("· in #ops · check the unclaimed queue");
    assertThat(bot.text(ann, "cancel 1")).contains("Cancelled reminder 1");
    bot.advance(Duration.ofDays(2));
    assertThat(bot.slack.inChannel("C0OPS")).isEmpty();
  }

  @Test
  void a_channel_without_a_time_asks_when_and_sets_nothing() {
    CoreHarness bot = bot("2026-12-07T10:00");
    Caller ann = bot.person("ann", "Europe/Berlin");
    assertThat(bot.text(ann, "remind #support")).contains("When should I post it in #support?");
    assertThat(bot.text(ann, "reminders")).contains("You have no pending reminders");
  }

  @Test
  void a_channel_reminder_is_a_top_level_post_in_the_workspace_that_set_it() {
    CoreHarness bot = bot("2026-12-07T10:00");
    Caller ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "remind <#C0OPS|ops> in 1h check the unclaimed queue");
    bot.advance(Duration.ofHours(1));
    Destination to = bot.slack.inChannel("C0OPS").get(0).to();
    assertThat(to).isInstanceOf(Destination.Channel.class);
    assertThat(to.tenant()).isEqualTo(CoreHarness.ACME);
    assertThat(((Destination.Channel) to).thread()).isEmpty();
  }
}
