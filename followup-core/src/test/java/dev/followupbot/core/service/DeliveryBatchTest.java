package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.Replies;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders due together are queued and sent in batches: one wake-up takes every reminder due by
 * then, the posts go out side by side, and each conversation's posts keep their order.
 */
class DeliveryBatchTest {

  private CoreHarness bot = CoreHarness.onH2();

  @AfterEach
  void close() {
    bot.close();
  }

  private Reminder reminder(int number) {
    return bot.core.reminders().findByNumber(CoreHarness.ACME, number).orElseThrow();
  }

  private List<String> notesTo(String userId) {
    return bot.slack.directTo(userId).stream()
        .map(p -> Replies.text(p.message()))
        .map(text -> text.replaceFirst("(?s).*⏰ Reminder: (\\S+).*", "$1"))
        .toList();
  }

  @Test
  void one_wake_up_delivers_every_reminder_due_by_then_and_the_others_find_nothing_left() {
    bot.say(bot.person("ann"), "remind in 1m first");
    bot.say(bot.person("bob"), "remind in 1m second");
    bot.say(bot.person("cat"), "remind in 2m third");
    bot.clock.advance(Duration.ofMinutes(1));

    bot.core.wakeUps().reminderDue(reminder(1).id());
    assertThat(notesTo("ann")).containsExactly("first");
    assertThat(notesTo("bob")).containsExactly("second");
    assertThat(notesTo("cat")).as("not due yet").isEmpty();
    assertThat(bot.scheduler.scheduledFor(reminder(2).id()))
        .as("its wake-up would find nothing to do")
        .isEmpty();
    assertThat(bot.scheduler.scheduledFor(reminder(3).id())).isPresent();

    bot.advance(Duration.ZERO); // every wake-up due so far comes, and finds nothing left to do
    assertThat(bot.slack.posts()).hasSize(2);
    bot.advance(Duration.ofMinutes(1));
    assertThat(notesTo("cat")).containsExactly("third");
    assertThat(bot.slack.posts()).hasSize(3);
  }

  @Test
  void a_batch_never_takes_a_reminder_before_its_time() {
    bot.say(bot.person("ann"), "remind in 1m first");
    bot.clock.advance(Duration.ofMillis(300));
    bot.say(bot.person("bob"), "remind in 1m a-moment-later");
    bot.clock.advance(Duration.ofSeconds(59).plusMillis(700)); // ann's is due, bob's in 0.3 s
    bot.core.wakeUps().reminderDue(reminder(1).id());
    assertThat(notesTo("ann")).containsExactly("first");
    assertThat(notesTo("bob")).isEmpty();
    bot.advance(Duration.ofMillis(300));
    assertThat(notesTo("bob")).containsExactly("a-moment-later");
  }

  @Test
  void posts_go_out_side_by_side_and_each_persons_keep_their_order() {
    bot.close();
    try (ExecutorLater threads = new ExecutorLater(1, 4)) {
      Later sideBySideOnly =
          new Later() {
            @Override
            public void run(Duration delay, Runnable task) {}

            @Override
            public void runAll(List<Runnable> tasks) {
              threads.runAll(tasks);
            }
          };
      bot =
          new CoreHarness(
              TestDatabases.h2(),
              CoreHarness.quiet(dev.followupbot.core.config.FollowupConfig.DEFAULTS),
              MutableClock.at("2026-11-23T09:00:00Z"),
              sideBySideOnly);
      List<String> people = List.of("ann", "bob", "cat", "dan");
      for (int n = 1; n <= 5; n++) {
        for (String person : people) {
          bot.say(bot.person(person), "remind in 1m " + person + "-" + n);
        }
      }
      bot.advance(Duration.ofMinutes(1));
      for (String person : people) {
        assertThat(notesTo(person))
            .containsExactly(
                person + "-1", person + "-2", person + "-3", person + "-4", person + "-5");
      }
    }
  }

  @Test
  void a_batch_the_platform_is_too_slow_for_is_never_sent_twice() {
    List<String> people = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    for (String person : people) {
      bot.say(bot.person(person), "remind in 1m for-" + person);
    }
    Instant due = bot.clock.instant().plus(Duration.ofMinutes(1));
    // Each post takes the platform 14 s. Two minutes after the batch was claimed, a sweep runs,
    // as it would on another thread or node, and takes whatever is still claimed then for sends
    // whose sender died.
    AtomicBoolean swept = new AtomicBoolean();
    bot.slack.whilePosting(
        post -> {
          bot.clock.advance(Duration.ofSeconds(14));
          if (bot.clock.instant().isAfter(due.plusSeconds(125)) && !swept.getAndSet(true)) {
            bot.core.wakeUps().sweep();
          }
        });
    bot.advance(Duration.ofMinutes(1));
    for (int round = 0; round < 3; round++) {
      bot.core.wakeUps().sweep();
    }
    assertThat(swept).isTrue();
    for (String person : people) {
      assertThat(notesTo(person)).as(person).containsExactly("for-" + person);
    }
  }

  @Test
  void a_reminder_that_cannot_be_prepared_does_not_hold_up_the_crowd_it_is_due_with() {
    bot.say(bot.person("ann"), "remind in 1m first");
    bot.say(bot.person("bob"), "remind in 1m second");
    bot.say(bot.person("cat"), "remind in 1m third");
    // Bob's stored time zone has become unreadable, so his reminder cannot be written out.
    bot.database
        .jdbi()
        .useHandle(
            h -> h.execute("UPDATE people SET time_zone = 'Mars/Olympus' WHERE user_id = 'bob'"));
    bot.clock.advance(Duration.ofMinutes(1));
    bot.core.wakeUps().reminderDue(reminder(1).id()); // ann's wake-up takes the crowd
    assertThat(notesTo("ann")).containsExactly("first");
    assertThat(notesTo("cat")).containsExactly("third");
    assertThat(notesTo("bob")).isEmpty();
    assertThat(bot.scheduler.scheduledFor(reminder(2).id()))
        .as("bob's keeps its own wake-up")
        .isPresent();
  }

  @Test
  void an_outbox_entry_that_cannot_be_read_does_not_hold_up_the_others() {
    bot.say(bot.person("ann"), "remind in 1m first");
    bot.say(bot.person("bob"), "remind in 1m second");
    bot.clock.advance(Duration.ofMinutes(1));
    bot.core.wakeUps().reminderDue(reminder(1).id());
    bot.slack.clear();
    bot.say(bot.person("cat"), "remind in 1m third");
    bot.clock.advance(Duration.ofMinutes(1));
    bot.core.wakeUps().reminderDue(reminder(3).id()); // queued and sent
    bot.slack.clear();
    // A message written by a newer version, say, that this one cannot read, queued before others.
    bot.database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE outbox SET state = 'PENDING', message_json = 'not json {',"
                        + " next_attempt_at = created_at WHERE id = (SELECT MIN(id) FROM outbox)"));
    bot.say(bot.person("dan"), "remind in 1m fourth");
    bot.advance(Duration.ofMinutes(1));
    bot.core.wakeUps().sweep();
    assertThat(notesTo("dan")).containsExactly("fourth");
    assertThat(bot.slack.posts()).hasSize(1);
  }

  @Test
  void after_a_rate_limit_the_rest_of_that_conversation_waits_and_others_go_on() {
    bot.slack.pace(Duration.ofSeconds(1));
    bot.say(bot.person("ann"), "remind in 1m one");
    bot.say(bot.person("ann"), "remind in 1m two");
    bot.say(bot.person("ann"), "remind in 1m three");
    bot.advance(Duration.ofMinutes(1));
    assertThat(notesTo("ann")).containsExactly("one");

    // The next sweep comes late, when the slots of both others have passed: they go together,
    // and the platform asks for a pause at the first.
    bot.say(bot.person("bob"), "remind in 5s for-bob");
    bot.clock.advance(Duration.ofSeconds(5));
    bot.slack.failNext(DeliveryFailure.rateLimited("ratelimited", Duration.ofSeconds(30)));
    bot.core.wakeUps().sweep();
    assertThat(notesTo("ann")).containsExactly("one");
    assertThat(notesTo("bob")).containsExactly("for-bob");

    bot.clock.advance(Duration.ofSeconds(29));
    bot.core.wakeUps().sweep();
    assertThat(notesTo("ann")).containsExactly("one");
    for (int i = 0; i < 3; i++) {
      bot.clock.advance(Duration.ofSeconds(1));
      bot.core.wakeUps().sweep();
    }
    assertThat(notesTo("ann")).containsExactlyInAnyOrder("one", "two", "three");
  }
}
