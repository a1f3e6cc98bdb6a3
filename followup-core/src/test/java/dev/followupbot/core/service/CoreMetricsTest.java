package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.Integrations;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.WebhookTransport;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core counts what operators watch: reminders, lateness, nudges, cases, platform calls. */
class CoreMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final CoreHarness bot =
      new CoreHarness(
          TestDatabases.h2(),
          Configs.quietExcept(
              """
              teams:
                - id: support
                  channels: [C-SUPPORT]
                  leads: [lee]
                  unclaimed:
                    nudge_after: 10m
                    escalation: [{after: 10m, action: mention_leads}]
                  nudges: {group_window: 0s}
              """),
          MutableClock.at("2026-11-23T09:00:00Z"),
          new Integrations(meters, WebhookTransport.none(), name -> Optional.empty()));

  @AfterEach
  void close() {
    bot.close();
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Test
  void answers_show_up_as_times_to_first_and_next_response() {
    var lee = bot.person("lee");
    bot.say(lee, "new Refund");
    bot.say(lee, "claim 1");
    bot.advance(Duration.ofMinutes(30));
    bot.say(lee, "wait 1");
    String card = bot.slack.posts().get(0).ref().messageId();

    bot.advance(Duration.ofMinutes(10));
    inThread("carol", card, "It still fails");
    bot.advance(Duration.ofMinutes(15));
    inThread("lee", card, "Fixed now, please try again");

    Timer first = meters.get("followup.case.time_to_first_response").timer();
    assertThat(first.count()).isEqualTo(1);
    assertThat(first.totalTime(TimeUnit.MINUTES)).isEqualTo(30);
    Timer next = meters.get("followup.case.time_to_next_response").timer();
    assertThat(next.count()).isEqualTo(1);
    assertThat(next.totalTime(TimeUnit.MINUTES)).isEqualTo(15);
  }

  private int replies;

  private static dev.followupbot.core.api.TenantGuard acmeOnly() {
    return new dev.followupbot.core.api.TenantGuard() {
      @Override
      public Optional<dev.followupbot.core.domain.TenantId> admit(String platformTenant) {
        return Optional.of(CoreHarness.ACME);
      }

      @Override
      public dev.followupbot.core.message.Message refusal() {
        return dev.followupbot.core.message.Message.text("no");
      }
    };
  }

  private void inThread(String who, String root, String text) {
    ChannelPost post =
        new ChannelPost(
            "C-SUPPORT",
            "2000.000" + (++replies),
            Optional.of(root),
            who,
            false,
            false,
            text,
            bot.clock.instant(),
            Optional.empty());
    bot.core
        .inbound(acmeOnly(), Runnable::run)
        .post(
            "T-ACME",
            new EventKey("slack", "T-ACME", "reply-" + replies),
            tenant -> new Caller(tenant, who, who, ZoneId.of("UTC"), "C-SUPPORT"),
            post);
  }

  @Test
  void a_working_day_shows_up_in_the_counters() {
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.advance(Duration.ofMinutes(20));
    bot.say(ann, "claim 1");
    assertThat(count("followup.nudges.sent", "kind", "unclaimed")).isEqualTo(2);
    assertThat(count("followup.escalations.sent", "kind", "unclaimed")).isEqualTo(1);
    assertThat(meters.get("followup.case.time_to_claim").timer().count()).isEqualTo(1);
    assertThat(meters.get("followup.case.time_to_claim").timer().totalTime(TimeUnit.MINUTES))
        .isEqualTo(20);

    bot.say(ann, "remind 1 in 1m call Dana");
    assertThat(count("followup.reminders.scheduled", "kind", "follow_up")).isEqualTo(1);
    bot.slack.failNext(DeliveryFailure.rateLimited("ratelimited", Duration.ofSeconds(3)));
    bot.advance(Duration.ofSeconds(65));
    assertThat(
            count(
                "followup.platform.calls",
                "platform",
                "slack",
                "operation",
                "post",
                "outcome",
                "rate_limited"))
        .isEqualTo(1);
    assertThat(count("followup.delivery.retries", "target", "slack")).isEqualTo(1);
    bot.advance(Duration.ofSeconds(5));
    bot.core.wakeUps().sweep();
    assertThat(count("followup.reminders.delivered", "kind", "follow_up")).isEqualTo(1);
    assertThat(meters.get("followup.reminder.lateness").timer().totalTime(TimeUnit.SECONDS))
        .isEqualTo(10);
    assertThat(
            count(
                "followup.platform.calls",
                "platform",
                "slack",
                "operation",
                "post",
                "outcome",
                "ok"))
        .isGreaterThanOrEqualTo(3);
    assertThat(bot.core.platformActivity().lastSuccess(Platform.SLACK))
        .contains(Instant.parse("2026-11-23T09:21:10Z"));

    bot.say(ann, "resolve 1");
    assertThat(meters.get("followup.case.time_to_resolve").timer().totalTime(TimeUnit.SECONDS))
        .isEqualTo(21 * 60 + 10);
    assertThat(meters.get("followup.cases").tag("status", "resolved").gauge().value()).isEqualTo(1);
    assertThat(meters.get("followup.cases").tag("status", "unclaimed").gauge().value()).isZero();
  }
}
