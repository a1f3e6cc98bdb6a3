package dev.followupbot.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.MessageReminder;
import dev.followupbot.core.service.Reply;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.OneTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one way in: tenant guard, dedupe, people, route, deliver, in that order. */
class InboundTurnsTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final List<String> steps = new ArrayList<>();
  private final List<Runnable> afterAck = new ArrayList<>();

  /** Serves the Slack team "T-ACME" only. */
  private final TenantGuard acmeOnly = OneTenant.acme("Sorry, this bot works for Acme only.");

  private final InboundTurns inbound = bot.core.inbound(acmeOnly, afterAck::add);

  private final Speaker ann =
      tenant -> {
        steps.add("speaker");
        return new Caller(tenant, "ann", "Ann", ZoneId.of("Europe/Berlin"), CoreHarness.CHANNEL);
      };

  private final Answer recorded =
      new Answer() {
        @Override
        public void inline(Reply reply) {
          steps.add("inline");
        }

        @Override
        public void beforeDeliveries(Reply reply) {
          steps.add("before:" + bot.slack.posts().size());
        }

        @Override
        public void afterDeliveries(Reply reply) {
          steps.add("after:" + bot.slack.posts().size());
        }
      };

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void another_tenant_gets_the_refusal_and_nothing_runs_or_is_stored() {
    Handled handled = inbound.take(Turn.command("T-GLOBEX", "new Refund"), ann, recorded);

    assertThat(handled).isInstanceOf(Handled.NotServed.class);
    assertThat(((Handled.NotServed) handled).refusal().fallbackText()).contains("Acme only");
    assertThat(steps).isEmpty();
    assertThat(afterAck).isEmpty();
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void a_turn_without_a_team_is_not_served() {
    assertThat(inbound.take(Turn.command(null, "help"), ann, recorded))
        .isInstanceOf(Handled.NotServed.class);
  }

  @Test
  void the_command_runs_as_the_speaker_and_what_it_queued_goes_out_after_the_acknowledgement() {
    Handled handled = inbound.take(Turn.command("T-ACME", "new Refund for ACME"), ann, recorded);

    Reply reply = ((Handled.Routed) handled).reply();
    assertThat(reply.message().fallbackText()).contains("Opened case #1");
    assertThat(reply.deliveries()).hasSize(1);
    assertThat(steps).containsExactly("speaker", "inline");
    assertThat(bot.slack.posts()).isEmpty();

    afterAck.forEach(Runnable::run);

    assertThat(steps).containsExactly("speaker", "inline", "before:0", "after:1");
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().createdBy())
        .isEqualTo("ann");
  }

  @Test
  void a_redelivered_event_has_no_second_effect() {
    Turn turn =
        Turn.command("T-ACME", "new Refund").redeliveredAs(new EventKey("slack", "T-ACME", "Ev1"));

    assertThat(inbound.take(turn, ann, recorded)).isInstanceOf(Handled.Routed.class);
    assertThat(inbound.take(turn, ann, recorded)).isInstanceOf(Handled.Repeat.class);
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 2)).isEmpty();
    assertThat(inbound.admit("T-ACME", turn.event())).isEmpty();
  }

  @Test
  void people_the_platform_named_are_remembered_by_that_name() {
    inbound.take(
        Turn.command("T-ACME", "help").mentioning(List.of(new Turn.Mention("UDANA", "Dana"))),
        ann,
        recorded);

    assertThat(bot.core.directory().name(CoreHarness.ACME, "UDANA")).isEqualTo("Dana");
  }

  private MessageReminder aboutMessage(String ts, Optional<String> thread, Instant due) {
    return new MessageReminder(
        CoreHarness.CHANNEL,
        ts,
        thread,
        Optional.of("https://chat.example/m/" + ts),
        due,
        Optional.of("look again"));
  }

  @Test
  void a_reminder_about_a_message_is_set_once_for_the_speaker_with_its_link() {
    Instant due = bot.clock.instant().plus(Duration.ofHours(1));
    EventKey view = new EventKey("slack", "T-ACME", "view:V1");

    Handled first =
        inbound.remindAbout("T-ACME", view, ann, aboutMessage("m1", Optional.empty(), due));
    Handled again =
        inbound.remindAbout("T-ACME", view, ann, aboutMessage("m1", Optional.empty(), due));

    assertThat(((Handled.Routed) first).reply().message().fallbackText())
        .startsWith("Okay, I'll remind you");
    assertThat(again).isInstanceOf(Handled.Repeat.class);
    Reminder r = bot.core.reminders().findByNumber(CoreHarness.ACME, 1).orElseThrow();
    assertThat(r.recipientId()).isEqualTo("ann");
    assertThat(r.creatorId()).isEqualTo("ann");
    assertThat(r.dueAt()).isEqualTo(due);
    assertThat(r.link()).contains("https://chat.example/m/m1");
    assertThat(r.caseId()).isEmpty();
    assertThat(bot.core.reminders().findByNumber(CoreHarness.ACME, 2)).isEmpty();
  }

  @Test
  void a_reminder_about_a_message_is_refused_for_another_tenant_and_for_a_time_past() {
    Instant past = bot.clock.instant().minusSeconds(60);
    Instant ahead = bot.clock.instant().plusSeconds(3600);

    assertThat(
            inbound.remindAbout(
                "T-GLOBEX",
                new EventKey("slack", "T-GLOBEX", "view:V1"),
                ann,
                aboutMessage("m1", Optional.empty(), ahead)))
        .isInstanceOf(Handled.NotServed.class);
    Handled late =
        inbound.remindAbout(
            "T-ACME",
            new EventKey("slack", "T-ACME", "view:V2"),
            ann,
            aboutMessage("m1", Optional.empty(), past));

    assertThat(((Handled.Routed) late).reply().message().fallbackText()).contains("has passed");
    assertThat(bot.core.reminders().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void a_reminder_about_a_reply_in_a_cases_thread_is_about_that_case() {
    inbound.take(Turn.command("T-ACME", "new Refund for ACME"), ann, recorded);
    afterAck.forEach(Runnable::run);
    String card =
        bot.core
            .cases()
            .findByNumber(CoreHarness.ACME, 1)
            .orElseThrow()
            .card()
            .orElseThrow()
            .messageId();

    inbound.remindAbout(
        "T-ACME",
        new EventKey("slack", "T-ACME", "view:V1"),
        ann,
        aboutMessage("reply-1", Optional.of(card), bot.clock.instant().plusSeconds(3600)));

    Reminder r = bot.core.reminders().findByNumber(CoreHarness.ACME, 1).orElseThrow();
    assertThat(r.caseId())
        .contains(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().id());
  }

  @Test
  void a_long_event_key_is_stored_as_a_digest() {
    String id = "x".repeat(400);
    assertThat(new EventKey("teams", "conv", id).stored()).startsWith("teams:sha256:").hasSize(77);
    assertThat(new EventKey("slack", "T1", "Ev1").stored()).isEqualTo("slack:T1:Ev1");
    assertThat(EventKey.unscoped("slack-signature", "v0=ab").stored())
        .isEqualTo("slack-signature:v0=ab");
  }
}
