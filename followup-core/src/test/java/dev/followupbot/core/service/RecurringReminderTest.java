package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
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
 * Repeating reminders: each occurrence arrives once, with Done, Snooze (this occurrence) and Stop
 * series; the series keeps its wall-clock time across DST, skips the team's holidays when asked,
 * survives a restart, sends one late occurrence after a downtime, and two nodes send each
 * occurrence once. Time moves by a {@code MutableClock}, an hour at a time.
 */
class RecurringReminderTest {

  private static final String TEAM =
      """
      teams:
        - id: support
          channels: [C-SUPPORT]
          holidays: [2026-12-09]
      """;

  private final List<CoreHarness> harnesses = new ArrayList<>();

  @AfterEach
  void close() {
    harnesses.forEach(CoreHarness::close);
  }

  /** A bot whose clock reads {@code local} in {@code zone}. */
  private CoreHarness bot(String local, String zone) {
    return bot(local, zone, dev.followupbot.core.testing.TestDatabases.h2());
  }

  private CoreHarness bot(String local, String zone, dev.followupbot.core.jdbc.Database db) {
    CoreHarness h =
        new CoreHarness(
            db,
            Configs.quietExcept(TEAM),
            new MutableClock(
                ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone)).toInstant()));
    harnesses.add(h);
    return h;
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  /** When each reminder DM to ann arrived, in her zone ("Mon 09:00"), across every step. */
  private final List<String> arrived = new ArrayList<>();

  /**
   * Moves time on an hour at a time, waking what is due as {@code step} does (by default the
   * scheduler), and notes when each DM to ann arrived.
   */
  private void hours(CoreHarness bot, int hours, ZoneId zone, Runnable step) {
    for (int i = 0; i < hours; i++) {
      int before = bot.slack.directTo("ann").size();
      step.run();
      int now = bot.slack.directTo("ann").size();
      for (int k = before; k < now; k++) {
        arrived.add(bot.clock.instant().atZone(zone).format(WHEN));
      }
    }
  }

  private void hours(CoreHarness bot, int hours, ZoneId zone) {
    hours(bot, hours, zone, () -> bot.advance(Duration.ofHours(1)));
  }

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void every_weekday_arrives_monday_to_friday_only_each_once_with_its_buttons() {
    CoreHarness bot = bot("2026-12-04T10:00", "Europe/Berlin"); // a Friday
    Caller ann = bot.person("ann", "Europe/Berlin");
    String set = bot.text(ann, "remind me every weekday at 9am check the queue");
    assertThat(set)
        .contains("Okay, I'll remind you every weekday at 09:00, first on Mon 7 Dec at 09:00")
        .contains(": check the queue. It's reminder 1; `cancel 1` ends the series.");
    hours(bot, 24 * 8 + 1, BERLIN); // to Saturday 12 December, 11:00
    assertThat(arrived)
        .containsExactly("Mon 09:00", "Tue 09:00", "Wed 09:00", "Thu 09:00", "Fri 09:00");
    RecordingMessenger.Post first = bot.slack.directTo("ann").get(0);
    assertThat(Replies.text(first.message()))
        .contains("⏰ Reminder: check the queue")
        .contains("Repeats every weekday at 09:00")
        .doesNotContain("Late");
    assertThat(Replies.buttonCommands(first.message()))
        .contains("done 1", "snooze 1 20m", "cancel 1");
    assertThat(Replies.buttonLabels(first.message())).contains("Stop series");
  }

  @Test
  void the_teams_holidays_are_skipped_when_asked() {
    CoreHarness bot = bot("2026-12-07T10:00", "Europe/Berlin"); // Monday; Wednesday is a holiday
    Caller ann = bot.person("ann", "Europe/Berlin");
    assertThat(bot.text(ann, "remind me every weekday at 9am skip holidays check the queue"))
        .contains("skipping the team's holidays, first on Tue 8 Dec at 09:00");
    hours(bot, 24 * 4, BERLIN);
    assertThat(arrived).containsExactly("Tue 09:00", "Thu 09:00", "Fri 09:00");
  }

  @Test
  void nine_oclock_stays_nine_oclock_across_both_dst_changes() {
    for (String[] change :
        new String[][] {
          {"Europe/Berlin", "2026-03-27T10:00"},
          {"Europe/Berlin", "2026-10-23T10:00"},
          {"America/New_York", "2026-03-06T10:00"},
          {"America/New_York", "2026-10-30T10:00"},
          {"Australia/Sydney", "2026-04-03T10:00"},
          {"Australia/Sydney", "2026-10-02T10:00"},
        }) {
      CoreHarness bot = bot(change[1], change[0]);
      ZoneId zone = ZoneId.of(change[0]);
      Caller ann = bot.person("ann", change[0]);
      bot.say(ann, "remind me every day at 9am stretch");
      arrived.clear();
      hours(bot, 24 * 4, zone);
      assertThat(arrived)
          .as(change[0] + " from " + change[1])
          .containsExactly("Sat 09:00", "Sun 09:00", "Mon 09:00", "Tue 09:00");
    }
  }

  @Test
  void snoozing_one_occurrence_moves_only_that_one() {
    CoreHarness bot = bot("2026-12-07T08:00", "Europe/Berlin");
    Caller ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "remind me every day at 9am stretch");
    hours(bot, 1, BERLIN); // Monday 09:00: reminder 1 arrives, reminder 2 is tomorrow's
    assertThat(bot.text(ann, "snooze 1 3h")).contains("Snoozed reminder 1");
    hours(bot, 24, BERLIN);
    assertThat(arrived).containsExactly("Mon 09:00", "Mon 12:00", "Tue 09:00");
    assertThat(bot.text(ann, "reminders"))
        .contains("repeats every day at 09:00")
        .contains("stretch");
  }

  @Test
  void reminders_lists_the_series_with_its_next_occurrence_and_cancel_ends_it() {
    CoreHarness bot = bot("2026-12-07T10:00", "Europe/Berlin");
    Caller ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "remind me every monday and thursday at 9am check the queue");
    assertThat(bot.text(ann, "reminders"))
        .contains(
            "1 · Thu 10 Dec, 09:00 · check the queue · repeats every Monday and Thursday at 09:00");
    hours(bot, 24 * 3, BERLIN); // Thursday's arrives; reminder 2 is next Monday's
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.text(ann, "cancel 1")).contains("ended its series");
    hours(bot, 24 * 14, BERLIN);
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    Reminder next = bot.core.reminders().findByNumber(CoreHarness.ACME, 2).orElseThrow();
    assertThat(next.status()).isEqualTo(ReminderStatus.CANCELLED);
    assertThat(bot.scheduler.scheduledFor(next.id())).isEmpty();
  }

  @Test
  void a_downtime_spanning_three_occurrences_delivers_one_late_then_the_series_goes_on() {
    CoreHarness bot = bot("2026-12-07T08:00", "Europe/Berlin");
    Caller ann = bot.person("ann", "Europe/Berlin");
    bot.say(ann, "remind me every day at 9am stretch");
    // The bot is down from Monday 08:00 to Wednesday 12:00: Mon, Tue and Wed 09:00 pass unsent.
    bot.scheduler.cancel(bot.core.reminders().findByNumber(CoreHarness.ACME, 1).orElseThrow().id());
    bot.clock.advance(Duration.ofHours(52));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message())).contains("Late: this was due");
    hours(bot, 24, BERLIN);
    assertThat(bot.slack.directTo("ann")).hasSize(2);
    assertThat(arrived).containsExactly("Thu 09:00");
  }

  @Test
  void a_restart_mid_series_keeps_the_series() {
    CoreHarness before = bot("2026-12-07T08:00", "Europe/Berlin");
    Caller ann = before.person("ann", "Europe/Berlin");
    before.say(ann, "remind me every day at 9am stretch");
    hours(before, 2, BERLIN); // Monday's arrives
    assertThat(arrived).containsExactly("Mon 09:00");
    // A new process on the same database. Its scheduler's wake-ups are stored (Quartz keeps them
    // in the database), so the ones set before the restart still fire, now into the new process.
    CoreHarness after = new CoreHarness(before.database, Configs.quietExcept(TEAM), before.clock);
    after.core.wakeUps().sweep();
    arrived.clear();
    hours(
        after,
        24 * 2,
        BERLIN,
        () -> {
          after.clock.advance(Duration.ofHours(1));
          before.scheduler.fireDue(after.core.wakeUps(), after.clock);
          after.scheduler.fireDue(after.core.wakeUps(), after.clock);
        });
    assertThat(arrived).containsExactly("Tue 09:00", "Wed 09:00");
    assertThat(before.slack.directTo("ann")).hasSize(1);
  }

  @Test
  void two_nodes_deliver_each_occurrence_once() {
    twoNodes(bot("2026-12-07T08:00", "Europe/Berlin"));
  }

  @Test
  void two_nodes_deliver_each_occurrence_once_on_postgresql() {
    twoNodes(
        bot(
            "2026-12-07T08:00",
            "Europe/Berlin",
            dev.followupbot.core.testing.TestDatabases.postgres()));
  }

  private void twoNodes(CoreHarness one) {
    // Node two shares the database and the (clustered) scheduler, and sends through the same
    // platform, so every message either node sends is counted once here.
    FollowupCore twoCore =
        FollowupCore.builder(
                dev.followupbot.core.jdbc.JdbiStorage.on(one.database, one.clock), one.scheduler)
            .messengers(List.of(one.slack))
            .config(Configs.quietExcept(TEAM))
            .node("node-2")
            .clock(one.clock)
            .build();
    Caller ann = one.person("ann", "Europe/Berlin");
    one.say(ann, "remind me every day at 9am stretch");
    int[] hour = {0};
    hours(
        one,
        24 * 3,
        BERLIN,
        () -> {
          one.clock.advance(Duration.ofHours(1));
          // Both nodes sweep every hour; the wake-ups fire on either node, by turns.
          FollowupCore first = hour[0]++ % 2 == 0 ? twoCore : one.core;
          first.wakeUps().sweep();
          one.scheduler.fireDue(first.wakeUps(), one.clock);
          twoCore.wakeUps().sweep();
          one.core.wakeUps().sweep();
        });
    assertThat(arrived).containsExactly("Mon 09:00", "Tue 09:00", "Wed 09:00");
  }

  @Test
  void a_repeating_phrase_that_cannot_be_honoured_is_refused_never_set_once() {
    CoreHarness bot = bot("2026-12-07T10:00", "Europe/Berlin");
    Caller ann = bot.person("ann", "Europe/Berlin");
    for (String phrase :
        new String[] {"every hour", "every 3 days", "biweekly on friday", "every"}) {
      String reply = bot.text(ann, "remind me " + phrase + " check the queue");
      assertThat(reply).as(phrase).contains("Usage: `remind").doesNotContain("Okay");
    }
    assertThat(bot.core.reminders().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }
}
