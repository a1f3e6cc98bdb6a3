package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.Integrations;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.WebhookTransport;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
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
