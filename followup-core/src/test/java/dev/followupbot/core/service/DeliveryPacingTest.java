package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.testing.CoreHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posts to one conversation keep to the platform's pace and to any pause it asks for. */
class DeliveryPacingTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann");
  private final Caller bob = bot.person("bob");

  @BeforeEach
  void slackAllowsOnePostPerSecondPerConversation() {
    bot.slack.pace(Duration.ofSeconds(1));
  }

  @AfterEach
  void close() {
    bot.close();
  }

  private void sweepAfter(Duration d) {
    bot.clock.advance(d);
    bot.core.wakeUps().sweep();
  }

  @Test
  void reminders_due_together_for_one_person_go_out_one_per_second() {
    bot.say(ann, "remind in 1m one");
    bot.say(ann, "remind in 1m two");
    bot.say(ann, "remind in 1m three");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    sweepAfter(Duration.ofMillis(500));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    sweepAfter(Duration.ofMillis(500));
    assertThat(bot.slack.directTo("ann")).hasSize(2);
    sweepAfter(Duration.ofSeconds(1));
    assertThat(bot.slack.directTo("ann")).hasSize(3);
    sweepAfter(Duration.ofSeconds(5));
    assertThat(bot.slack.directTo("ann")).hasSize(3);
  }

  @Test
  void a_post_that_went_out_late_holds_the_next_one_back_so_they_are_never_too_close() {
    bot.say(ann, "remind in 1m one");
    bot.say(ann, "remind in 1m two");
    bot.say(ann, "remind in 1m three");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    sweepAfter(Duration.ofMillis(1600)); // "two" had the slot at +1 s and goes 0.6 s late
    assertThat(bot.slack.directTo("ann")).hasSize(2);
    sweepAfter(Duration.ofMillis(400)); // "three" has the slot at +2 s, only 0.4 s after "two"
    assertThat(bot.slack.directTo("ann")).hasSize(2);
    sweepAfter(Duration.ofMillis(600));
    assertThat(bot.slack.directTo("ann")).hasSize(3);
  }

  @Test
  void different_people_are_not_held_up_by_each_other() {
    bot.say(ann, "remind in 1m for ann");
    bot.say(bob, "remind in 1m for bob");
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.slack.directTo("bob")).hasSize(1);
  }

  @Test
  void after_a_rate_limit_nothing_goes_to_that_conversation_before_retry_after() {
    bot.say(ann, "remind in 1m one");
    bot.say(ann, "remind in 1m two");
    bot.say(bob, "remind in 1m for bob");
    bot.slack.failNext(DeliveryFailure.rateLimited("ratelimited", Duration.ofSeconds(30)));
    bot.advance(Duration.ofMinutes(1));
    assertThat(bot.slack.directTo("ann")).isEmpty();
    assertThat(bot.slack.directTo("bob")).hasSize(1);
    for (int i = 0; i < 29; i++) {
      sweepAfter(Duration.ofSeconds(1));
    }
    assertThat(bot.slack.directTo("ann")).isEmpty();
    sweepAfter(Duration.ofSeconds(1));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    sweepAfter(Duration.ofSeconds(1));
    assertThat(bot.slack.directTo("ann")).hasSize(2);
  }
}
