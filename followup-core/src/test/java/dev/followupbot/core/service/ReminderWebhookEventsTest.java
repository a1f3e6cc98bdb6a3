package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.Integrations;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingWebhookReceiver;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminder changes reach the webhooks that ask for them: set, delivered, snoozed, done and
 * cancelled, each once, with the reminder as the REST API shows it, and with its case when it is
 * about one.
 */
class ReminderWebhookEventsTest {

  private static final String SECRET = "whsec-test-0123456789abcdef";
  private static final String HOOKS =
      """
      webhooks:
        - url: https://hooks.example.com/followup
          secret_env: HOOK_SECRET
      """;

  private final RecordingWebhookReceiver receiver = new RecordingWebhookReceiver();
  private CoreHarness bot;
  private Caller ann;

  @AfterEach
  void close() {
    bot.close();
  }

  /** The bot on Friday 4 December 2026, 10:00 UTC. */
  private void harness(String yaml) {
    bot =
        new CoreHarness(
            TestDatabases.h2(),
            Configs.quietExcept(yaml),
            MutableClock.at("2026-12-04T10:00:00Z"),
            new Integrations(
                new SimpleMeterRegistry(),
                receiver,
                name -> name.equals("HOOK_SECRET") ? Optional.of(SECRET) : Optional.empty()));
    ann = bot.person("ann");
  }

  private void sweep() {
    bot.core.wakeUps().sweep();
  }

  private List<WebhookEntry> log() {
    return bot.storage
        .webhooks()
        .list(CoreHarness.ACME, Optional.empty(), Optional.empty(), Long.MAX_VALUE, 100);
  }

  private JsonNode event(int index) {
    return receiver.received().get(index).json();
  }

  @Test
  void a_reminder_reports_each_change_once_with_the_reminder_as_the_api_shows_it() {
    harness(HOOKS);
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    bot.say(ann, "snooze 1 20m");
    bot.advance(Duration.ofMinutes(20));
    bot.say(ann, "done 1");
    bot.say(ann, "remind in 1h call Dana back");
    bot.say(ann, "cancel 2");
    assertThat(receiver.received()).as("nothing is sent inside the change").isEmpty();

    sweep();

    assertThat(receiver.types())
        .containsExactly(
            "reminder.set",
            "reminder.delivered",
            "reminder.snoozed",
            "reminder.delivered",
            "reminder.done",
            "reminder.set",
            "reminder.cancelled");
    JsonNode set = event(0);
    assertThat(set.get("id").asText()).startsWith("evt_");
    assertThat(set.get("tenant").asText()).isEqualTo("slack:T-ACME");
    assertThat(set.get("occurred_at").asText()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(set.get("case").isNull()).isTrue();
    JsonNode reminder = set.get("reminder");
    assertThat(reminder.get("number").asInt()).isEqualTo(1);
    assertThat(reminder.get("kind").asText()).isEqualTo("follow_up");
    assertThat(reminder.get("status").asText()).isEqualTo("pending");
    assertThat(reminder.at("/recipient/id").asText()).isEqualTo("ann");
    assertThat(reminder.at("/created_by/id").asText()).isEqualTo("ann");
    assertThat(reminder.get("note").asText()).isEqualTo("stretch");
    assertThat(reminder.get("due_at").asText()).isEqualTo("2026-12-04T10:01:00Z");
    assertThat(reminder.get("case").isNull()).isTrue();
    assertThat(reminder.get("channel").isNull()).isTrue();
    assertThat(reminder.get("repeats").isNull()).isTrue();
    assertThat(event(2).at("/reminder/due_at").asText()).isEqualTo("2026-12-04T10:21:00Z");
    assertThat(event(2).at("/reminder/snooze_count").asInt()).isEqualTo(1);
    assertThat(event(4).at("/reminder/status").asText()).isEqualTo("done");
    JsonNode cancelled = event(6);
    assertThat(cancelled.at("/reminder/number").asInt()).isEqualTo(2);
    assertThat(cancelled.at("/reminder/status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("series_ended").asBoolean()).isFalse();
    assertThat(receiver.received().stream().map(r -> r.json().get("id").asText()).distinct())
        .as("each event has its own id")
        .hasSize(7);
    assertThat(log()).allMatch(e -> e.caseId().isEmpty() && e.caseNumber().isEmpty());

    sweep();
    assertThat(receiver.received()).as("delivered once").hasSize(7);
  }

  @Test
  void a_series_reports_its_first_occurrence_with_how_it_repeats_and_its_end() {
    harness(HOOKS);
    bot.say(ann, "remind me every weekday at 9am check the queue");
    bot.advance(Duration.ofHours(71)); // Monday 7 December, 09:00
    bot.say(ann, "done 1");
    bot.say(ann, "cancel 1");
    sweep();

    assertThat(receiver.types())
        .containsExactly(
            "reminder.set", "reminder.delivered", "reminder.done", "reminder.cancelled");
    JsonNode repeats = event(0).at("/reminder/repeats");
    assertThat(repeats.get("rule").asText()).isEqualTo("every weekday at 09:00");
    assertThat(repeats.get("zone").asText()).isEqualTo("UTC");
    assertThat(repeats.get("skip_holidays").asBoolean()).isFalse();
    assertThat(repeats.get("active").asBoolean()).isTrue();
    assertThat(repeats.get("current").asBoolean()).isTrue();
    assertThat(event(0).at("/reminder/due_at").asText()).isEqualTo("2026-12-07T09:00:00Z");
    JsonNode ended = event(3);
    assertThat(ended.at("/reminder/number").asInt())
        .as("cancelling a finished occurrence cancels the next one, created when it was queued")
        .isEqualTo(2);
    assertThat(ended.at("/reminder/status").asText()).isEqualTo("cancelled");
    assertThat(ended.at("/reminder/repeats/active").asBoolean()).isFalse();
    assertThat(ended.get("series_ended").asBoolean()).isTrue();
  }

  @Test
  void cancelling_a_series_by_api_reports_the_end_of_the_series() {
    harness(HOOKS);
    bot.say(ann, "remind me every day at 9am water the plants");
    bot.core.reminders().cancelAsAdmin(CoreHarness.ACME, 1, "api");
    sweep();

    assertThat(receiver.types()).containsExactly("reminder.set", "reminder.cancelled");
    JsonNode ended = event(1);
    assertThat(ended.at("/reminder/status").asText()).isEqualTo("cancelled");
    assertThat(ended.at("/reminder/repeats/rule").asText()).isEqualTo("every day at 09:00");
    assertThat(ended.at("/reminder/repeats/active").asBoolean()).isFalse();
    assertThat(ended.get("series_ended").asBoolean()).isTrue();
  }

  @Test
  void a_reminder_about_a_case_carries_the_case_and_waits_behind_its_events() {
    harness(HOOKS);
    bot.say(ann, "new Refund for Dana ref:ZD-1");
    bot.say(ann, "remind 1 in 1m call Dana back");
    sweep();

    assertThat(receiver.types()).containsExactly("case.created", "reminder.set");
    JsonNode set = event(1);
    assertThat(set.at("/case/number").asInt()).isEqualTo(1);
    assertThat(set.at("/case/status").asText()).isEqualTo("unclaimed");
    assertThat(set.at("/reminder/case/number").asInt()).isEqualTo(1);
    assertThat(set.at("/reminder/case/external_ref").asText()).isEqualTo("ZD-1");
    assertThat(log().get(0).caseNumber()).contains(1);
  }

  @Test
  void webhooks_get_reminder_events_only_when_they_ask_for_them() {
    harness(
        """
        webhooks:
          - url: https://ops.example.com/cases
            secret_env: HOOK_SECRET
            events: ["case.*"]
          - url: https://ops.example.com/reminders
            secret_env: HOOK_SECRET
            events: ["reminder.*"]
        """);
    bot.say(ann, "new Refund");
    bot.say(ann, "remind 1 in 1m call Dana back");
    bot.say(ann, "remind in 1m stretch");
    bot.advance(Duration.ofMinutes(1));
    sweep();

    assertThat(receiver.received())
        .filteredOn(r -> r.url().endsWith("/cases"))
        .extracting(RecordingWebhookReceiver.Received::type)
        .containsExactly("case.created");
    assertThat(receiver.received())
        .filteredOn(r -> r.url().endsWith("/reminders"))
        .extracting(r -> r.type() + " " + r.json().at("/reminder/number").asInt())
        .containsExactlyInAnyOrder(
            "reminder.set 1", "reminder.set 2", "reminder.delivered 1", "reminder.delivered 2");
  }
}
