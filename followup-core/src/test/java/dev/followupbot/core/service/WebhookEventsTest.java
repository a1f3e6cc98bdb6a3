package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.Integrations;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.port.WakeUp;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.testing.Configs;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.RecordingWebhookReceiver;
import dev.followupbot.core.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Case changes, SLA state changes and CSAT scores reach the configured webhooks: signed, at least
 * once, in order per case, and each event once.
 */
class WebhookEventsTest {

  private static final String SECRET = "whsec-test-0123456789abcdef";
  private static final String HOOKS =
      """
      webhooks:
        - url: https://hooks.example.com/followup
          secret_env: HOOK_SECRET
      """;

  private final RecordingWebhookReceiver receiver = new RecordingWebhookReceiver();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private CoreHarness bot;

  @AfterEach
  void close() {
    bot.close();
  }

  private CoreHarness harness(String yaml) {
    bot =
        new CoreHarness(
            TestDatabases.h2(),
            Configs.quietExcept(yaml),
            MutableClock.at("2026-11-23T09:00:00Z"),
            new Integrations(
                meters,
                receiver,
                name -> name.equals("HOOK_SECRET") ? Optional.of(SECRET) : Optional.empty()));
    return bot;
  }

  private void sweep() {
    bot.core.wakeUps().sweep();
  }

  private List<WebhookEntry> log() {
    return bot.storage
        .webhooks()
        .list(CoreHarness.ACME, Optional.empty(), Optional.empty(), Long.MAX_VALUE, 100);
  }

  /** What a receiver does: recompute the HMAC over the timestamp and the exact body. */
  private static boolean signedWith(String secret, RecordingWebhookReceiver.Received r)
      throws Exception {
    Matcher m =
        Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})")
            .matcher(r.headers().get("X-Followup-Signature"));
    if (!m.matches()) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((m.group(1) + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(2)));
  }

  @Test
  void every_case_change_is_posted_in_order_signed_and_named_by_an_event_id() throws Exception {
    harness(HOOKS);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund for Dana !high ref:ZD-1");
    bot.say(ann, "claim 1");
    bot.say(ann, "wait 1");
    bot.say(ann, "resume 1");
    bot.say(ann, "answered 1 sent the label");
    bot.say(ann, "resolve 1 refunded");
    bot.say(ann, "reopen 1 customer wrote back");
    bot.say(ann, "release 1");
    bot.say(ann, "assign 1 <@bob|Bob>");
    var bob = bot.person("bob");
    bot.say(bob, "resolve 1");
    bot.say(bob, "close 1");
    assertThat(receiver.received()).as("nothing is sent inside the change").isEmpty();

    sweep();

    assertThat(receiver.types())
        .containsExactly(
            "case.created",
            "case.claimed",
            "case.waiting",
            "case.resumed",
            "case.answered",
            "case.resolved",
            "case.reopened",
            "case.released",
            "case.assigned",
            "case.resolved",
            "case.closed");
    RecordingWebhookReceiver.Received created = receiver.received().get(0);
    assertThat(created.url()).isEqualTo("https://hooks.example.com/followup");
    assertThat(signedWith(SECRET, created)).isTrue();
    assertThat(signedWith("another-secret-0123456789", created)).isFalse();
    JsonNode body = created.json();
    assertThat(created.headers().get("X-Followup-Event-Id")).isEqualTo(body.get("id").asText());
    assertThat(body.get("id").asText()).startsWith("evt_");
    assertThat(body.get("type").asText()).isEqualTo("case.created");
    assertThat(body.get("tenant").asText()).isEqualTo("slack:T-ACME");
    assertThat(body.at("/case/number").asInt()).isEqualTo(1);
    assertThat(body.at("/case/external_ref").asText()).isEqualTo("ZD-1");
    assertThat(body.at("/case/status").asText()).isEqualTo("unclaimed");
    assertThat(body.at("/change/actor/id").asText()).isEqualTo("ann");
    JsonNode assigned = receiver.received().get(8).json();
    assertThat(assigned.at("/change/to_owner/id").asText()).isEqualTo("bob");
    assertThat(assigned.at("/case/owner/name").asText()).isEqualTo("Bob");

    sweep();
    assertThat(receiver.received()).as("delivered once").hasSize(11);
    assertThat(log()).allMatch(e -> e.state() == WebhookEntry.State.DELIVERED);
  }

  @Test
  void a_failing_receiver_gets_the_event_again_with_backoff_and_later_events_wait_for_it() {
    harness(HOOKS);
    receiver.answerNext(500, -1);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    sweep();
    assertThat(receiver.types()).containsExactly("case.created");
    sweep();
    assertThat(receiver.types()).as("not before its backoff").containsExactly("case.created");

    bot.clock.advance(Duration.ofSeconds(2));
    sweep();
    assertThat(receiver.types()).containsExactly("case.created", "case.created");

    bot.clock.advance(Duration.ofSeconds(5));
    sweep();
    assertThat(receiver.types())
        .containsExactly("case.created", "case.created", "case.created", "case.claimed");
    List<String> ids =
        receiver.received().stream().map(r -> r.headers().get("X-Followup-Event-Id")).toList();
    assertThat(ids.get(0)).isEqualTo(ids.get(1)).isEqualTo(ids.get(2)).isNotEqualTo(ids.get(3));
    WebhookEntry created = log().get(1);
    assertThat(created.eventType()).isEqualTo("case.created");
    assertThat(created.state()).isEqualTo(WebhookEntry.State.DELIVERED);
    assertThat(created.attempts()).isEqualTo(3);
    assertThat(
            meters.get("followup.webhook.deliveries").tag("outcome", "retried").counter().count())
        .isEqualTo(2);
    assertThat(meters.get("followup.delivery.retries").tag("target", "webhook").counter().count())
        .isEqualTo(2);
  }

  @Test
  void an_event_the_receiver_refuses_is_recorded_as_failed_and_the_next_one_follows() {
    harness(HOOKS);
    receiver.answerNext(410);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    sweep();
    assertThat(receiver.types()).containsExactly("case.created", "case.claimed");
    WebhookEntry failed = log().get(1);
    assertThat(failed.state()).isEqualTo(WebhookEntry.State.FAILED);
    assertThat(failed.lastStatus()).contains(410);
    assertThat(failed.lastError().orElseThrow()).contains("refused");
    assertThat(log().get(0).state()).isEqualTo(WebhookEntry.State.DELIVERED);
  }

  @Test
  void an_event_that_keeps_failing_is_given_up_after_the_webhooks_give_up_time() {
    harness(
        HOOKS.replace("secret_env: HOOK_SECRET", "secret_env: HOOK_SECRET\n    give_up_after: 1m"));
    receiver.answerNext(503, 503, 503);
    bot.say(bot.person("ann"), "new Refund");
    sweep();
    bot.clock.advance(Duration.ofSeconds(61));
    sweep();
    WebhookEntry entry = log().get(0);
    assertThat(entry.state()).isEqualTo(WebhookEntry.State.FAILED);
    assertThat(entry.attempts()).isEqualTo(2);
    assertThat(entry.lastError().orElseThrow()).startsWith("gave up after 2 attempts: HTTP 503");
  }

  @Test
  void webhooks_get_only_the_workspace_and_events_they_ask_for() {
    harness(
        """
        webhooks:
          - url: https://globex.example.com/resolved
            secret_env: HOOK_SECRET
            tenant: slack:T-GLOBEX
            events: [case.resolved]
          - url: https://ops.example.com/all-cases
            secret_env: HOOK_SECRET
            events: ["case.*"]
        """);
    var ann = bot.person("ann");
    var mallory =
        new Caller(CoreHarness.GLOBEX, "mallory", "Mallory", ZoneId.of("UTC"), "C-GLOBEX");
    bot.say(ann, "new Acme's");
    bot.say(ann, "resolve 1");
    bot.say(mallory, "new Globex's");
    bot.say(mallory, "resolve 1");
    sweep();
    assertThat(receiver.received())
        .filteredOn(r -> r.url().startsWith("https://globex"))
        .extracting(r -> r.json().at("/case/subject").asText() + " " + r.type())
        .containsExactly("Globex's case.resolved");
    assertThat(receiver.received()).filteredOn(r -> r.url().startsWith("https://ops")).hasSize(4);
  }

  @Test
  void each_sla_state_change_is_reported_once() {
    harness(
        HOOKS.replace("secret_env: HOOK_SECRET", "secret_env: HOOK_SECRET\n    events: [\"sla.*\"]")
            + """
            teams:
              - id: support
                channels: [C-SUPPORT]
                sla: {warn_at: 50%, first_response: {high: 1h}, resolution: {high: 4h}}
            """);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund !high");
    bot.say(ann, "claim 1");
    bot.advance(Duration.ofMinutes(30));
    bot.advance(Duration.ofMinutes(31));
    bot.say(ann, "wait 1");
    bot.advance(Duration.ofHours(1));
    bot.say(ann, "resume 1");
    bot.say(ann, "resolve 1");
    long id = bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().id();
    bot.core.wakeUps().wake(new WakeUp.CaseTimers(CoreHarness.ACME, id));
    bot.core.wakeUps().wake(new WakeUp.CaseTimers(CoreHarness.ACME, id));
    sweep();
    sweep();

    assertThat(receiver.received())
        .extracting(r -> r.type() + " " + r.json().at("/sla/metric").asText())
        .containsExactly(
            "sla.due_soon first_response",
            "sla.breached first_response",
            "sla.paused resolution",
            "sla.resumed resolution",
            "sla.met resolution");
    JsonNode breached = receiver.received().get(1).json();
    assertThat(breached.at("/sla/previous_state").asText()).isEqualTo("due_soon");
    assertThat(breached.at("/sla/target_seconds").asLong()).isEqualTo(3600);
  }

  @Test
  void a_target_that_no_longer_applies_is_reported_cancelled() {
    harness(
        HOOKS.replace("secret_env: HOOK_SECRET", "secret_env: HOOK_SECRET\n    events: [\"sla.*\"]")
            + """
            teams:
              - id: support
                channels: [C-SUPPORT]
                sla: {first_response: {high: 1h}}
            """);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund !high");
    long id = bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().id();
    bot.core
        .cases()
        .perform(
            new Actor(
                CoreHarness.ACME, "zendesk", "Zendesk", ZoneId.of("UTC"), true, Optional.of("API")),
            id,
            new CaseChange.Edit(
                Optional.empty(), Optional.empty(), false, Optional.of(Priority.LOW)));
    sweep();
    assertThat(receiver.received())
        .extracting(r -> r.type() + " " + r.json().at("/sla/previous_state").asText())
        .containsExactly("sla.cancelled running");
  }

  @Test
  void a_csat_score_is_reported_with_its_comment() {
    harness(HOOKS);
    var ann = bot.person("ann");
    bot.say(ann, "new Refund");
    bot.say(ann, "resolve 1");
    bot.say(ann, "csat 1 5 quick and kind");
    sweep();
    assertThat(receiver.types()).containsExactly("case.created", "case.resolved", "csat.recorded");
    JsonNode csat = receiver.received().get(2).json();
    assertThat(csat.at("/csat/score").asInt()).isEqualTo(5);
    assertThat(csat.at("/csat/comment").asText()).isEqualTo("quick and kind");
    assertThat(csat.at("/csat/recorded_by/id").asText()).isEqualTo("ann");
  }
}
