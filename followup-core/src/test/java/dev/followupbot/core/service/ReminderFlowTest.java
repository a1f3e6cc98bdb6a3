package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReminderFlowTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann", "Europe/Berlin");
  private final Caller bob = bot.person("bob", "America/New_York");

  @AfterEach
  void close() {
    bot.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void bobHasUsedTheBotBefore() {
    bot.say(bob, "help");
  }

  private Reminder reminder(int number) {
    return bot.core.reminders().findByNumber(CoreHarness.ACME, number).orElseThrow();
  }

  @Test
  void a_reminder_arrives_when_due_with_its_note_case_and_buttons() {
    bot.say(ann, "new \"Refund for Acme\" for Dana !high");
    bot.say(ann, "claim 1");
    assertThat(bot.text(ann, "remind 1 in 5s call Dana back"))
        .contains(
            "Okay, I'll remind you on Mon 23 Nov at 10:00 (today, in a few seconds) about #1 · Refund for Acme: call Dana back. It's reminder 1.");
    bot.advance(Duration.ofSeconds(4));
    assertThat(bot.slack.directTo("ann")).isEmpty();
    bot.advance(Duration.ofSeconds(1));
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    String text = Replies.text(dms.get(0).message());
    assertThat(text)
        .contains("⏰ Reminder: call Dana back", "#1 · Refund for Acme — high, claimed by you")
        .doesNotContain("Late");
    assertThat(Replies.buttonCommands(dms.get(0).message()))
        .containsExactly(
            "done 1",
            "snooze 1 20m",
            "snooze 1 1h",
            "snooze 1 3h",
            "snooze 1 tomorrow 9am",
            "snooze 1 next monday 9am",
            "show 1");
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void duplicate_and_stale_wake_ups_send_nothing_more() {
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    long id = reminder(1).id();
    bot.core.wakeUps().reminderDue(id);
    bot.core.wakeUps().reminderDue(id);
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    bot.core.wakeUps().reminderDue(424242L);
    assertThat(bot.slack.posts()).hasSize(1);
  }

  @Test
  void an_early_wake_up_waits_for_the_due_time() {
    bot.say(ann, "remind in 10m stretch");
    long id = reminder(1).id();
    bot.core.wakeUps().reminderDue(id);
    assertThat(bot.slack.posts()).isEmpty();
    assertThat(bot.scheduler.scheduledFor(id)).contains(reminder(1).dueAt());
  }

  @Test
  void snooze_moves_it_and_delivers_it_again_as_a_new_occurrence() {
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.text(ann, "snooze 1 20m"))
        .contains("Snoozed reminder 1 until 10:21 (in 20 min)");
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.PENDING);
    assertThat(reminder(1).occurrence()).isEqualTo(2);
    bot.advance(Duration.ofMinutes(20));
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(2);
    assertThat(Replies.text(dms.get(1).message())).contains("snoozed 1×");
    assertThat(bot.text(ann, "done 1")).contains("Marked reminder 1 done");
    assertThat(bot.text(ann, "done 1")).contains("already done");
    assertThat(bot.text(ann, "reminders")).contains("no pending reminders");
  }

  @Test
  void only_the_recipient_may_mark_done_or_snooze_and_the_creator_may_cancel() {
    bot.say(ann, "remind @bob in 1h check the invoice");
    assertThat(bot.text(ann, "done 1")).contains("Reminder 1 is bob's; only bob can mark it done.");
    assertThat(bot.text(ann, "snooze 1 1h")).contains("only bob can snooze it");
    assertThat(bot.text(bob, "reminders")).contains("1 · ").contains("check the invoice");
    assertThat(bot.text(ann, "cancel 1")).contains("Cancelled reminder 1");
    assertThat(bot.scheduler.scheduledFor(reminder(1).id())).isEmpty();
  }

  @Test
  void a_reminder_for_someone_else_is_confirmed_in_both_local_times() {
    assertThat(bot.text(ann, "remind @bob tomorrow 9am check the invoice"))
        .contains(
            "I'll remind bob on Tue 24 Nov at 09:00 your time, 03:00 their time in"
                + " America/New_York (tomorrow, in 23 h)");
  }

  @Test
  void a_reminder_that_came_due_while_the_bot_was_down_arrives_marked_late() {
    bot.say(ann, "remind in 1m stretch");
    // The wake-up was lost (the process was down); the start-up sweep finds it.
    bot.scheduler.cancel(reminder(1).id());
    bot.clock.advance(Duration.ofMinutes(10));
    bot.core.wakeUps().sweep();
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message()))
        .contains("Late: this was due 10:01, 9 min ago, and I was busy");
  }

  @Test
  void transient_failures_are_retried_with_backoff_and_delivered_once() {
    bot.say(ann, "remind in 1m stretch");
    bot.slack.failNext(
        DeliveryFailure.rateLimited("ratelimited", Duration.ofSeconds(30)),
        DeliveryFailure.transientFailure("HTTP 503", null));
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.posts()).isEmpty();
    bot.clock.advance(Duration.ofSeconds(29));
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.posts()).as("not before Retry-After").isEmpty();
    bot.clock.advance(Duration.ofSeconds(1));
    bot.core.wakeUps().sweep(); // second attempt: 503
    assertThat(bot.slack.posts()).isEmpty();
    bot.clock.advance(Duration.ofSeconds(10));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void a_permanent_failure_is_recorded_and_the_creator_is_told() {
    bot.say(ann, "remind @bob in 1m check the invoice");
    bot.slack.failNext(DeliveryFailure.permanentFailure("user_not_found", null));
    bot.advance(Duration.ofMinutes(1));
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.FAILED);
    assertThat(reminder(1).lastError()).contains("user_not_found");
    List<RecordingMessenger.Post> toAnn = bot.slack.directTo("ann");
    assertThat(toAnn).hasSize(1);
    assertThat(Replies.text(toAnn.get(0).message()))
        .contains("I couldn't deliver reminder 1 to bob: user_not_found");
  }

  /** A sender claimed the reminder's entry and died before recording the outcome. */
  private long interruptedSend() {
    bot.say(ann, "remind in 1m stretch");
    bot.clock.advance(Duration.ofMinutes(1));
    Reminder r = reminder(1);
    long entry =
        bot.storage
            .outbox()
            .enqueue(
                OutboxEntry.reminder(
                    new dev.followupbot.core.port.Destination.Direct(
                        new dev.followupbot.core.domain.UserRef(CoreHarness.ACME, "ann")),
                    dev.followupbot.core.message.Message.text("⏰ Reminder: stretch"),
                    r.id(),
                    r.occurrence(),
                    r.caseId(),
                    bot.clock.instant()));
    assertThat(bot.storage.outbox().claim(entry, "dead-node", bot.clock.instant())).isTrue();
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.posts()).as("the claim still looks alive").isEmpty();
    return entry;
  }

  @Test
  void a_send_interrupted_by_a_crash_is_sent_again_once_marked_as_a_possible_repeat() {
    interruptedSend();
    bot.clock.advance(Duration.ofMinutes(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message())).contains("Sorry if it's a repeat");
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void an_interrupted_send_the_platform_has_is_recorded_and_not_sent_again() {
    long entry = interruptedSend();
    bot.slack.lookUpDeliveries();
    // The dead sender's post did reach the platform, carrying its delivery key.
    String key = bot.storage.outbox().find(entry).orElseThrow().key().value();
    bot.slack.post(
        new dev.followupbot.core.port.Destination.Direct(
            new dev.followupbot.core.domain.UserRef(CoreHarness.ACME, "ann")),
        dev.followupbot.core.message.Message.text("⏰ Reminder: stretch"),
        key);
    bot.clock.advance(Duration.ofMinutes(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.storage.outbox().find(entry).orElseThrow().state().status())
        .isEqualTo(OutboxEntry.State.SENT);
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void an_interrupted_send_the_platform_does_not_have_is_sent_once_without_a_repeat_note() {
    interruptedSend();
    bot.slack.lookUpDeliveries();
    bot.clock.advance(Duration.ofMinutes(3));
    bot.core.wakeUps().sweep();
    bot.core.wakeUps().sweep();
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message())).doesNotContain("Sorry if it's a repeat");
    assertThat(reminder(1).status()).isEqualTo(ReminderStatus.DELIVERED);
  }

  @Test
  void a_queued_message_survives_until_the_sweep_when_the_caller_did_not_deliver_it() {
    dev.followupbot.core.service.Reply reply = bot.core.commands().handle(ann, "new Refund");
    assertThat(bot.slack.posts()).isEmpty();
    assertThat(reply.deliveries()).hasSize(1);
    bot.core.wakeUps().sweep();
    assertThat(bot.slack.inChannel(CoreHarness.CHANNEL)).hasSize(1);
    Instant before = bot.clock.instant();
    assertThat(
            bot.storage
                .outbox()
                .due(before, java.util.Set.of(dev.followupbot.core.domain.Platform.SLACK), 10))
        .isEmpty();
  }
}
