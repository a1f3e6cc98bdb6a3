package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every request must carry Slack's signature over its exact body, made within five minutes either
 * way; anything else gets 401 and changes nothing. Requests from other workspaces are refused
 * politely, and a retried event has one effect.
 */
class RequestSecurityTest {

  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final SlackTestBot bot = new SlackTestBot();

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  private String newCaseBody() {
    return SlackTestBot.formBody(
        Map.of(
            "team_id",
            SlackTestBot.TEAM,
            "channel_id",
            SlackTestBot.CHANNEL,
            "user_id",
            "UANN",
            "command",
            "/followup",
            "text",
            "new Forged case",
            "response_url",
            bot.slack.responseUrl("commands/1")));
  }

  private SlackTestBot.Answer send(String body, String timestamp, String signature) {
    return bot.post(
        body.getBytes(StandardCharsets.UTF_8),
        FORM,
        Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature));
  }

  private void assertNothingChanged() {
    assertThat(
            bot.core
                .cases()
                .list(SlackTestBot.TENANT, EnumSet.allOf(CaseStatus.class), Optional.empty(), 10))
        .isEmpty();
    assertThat(bot.slack.effects()).isEmpty();
  }

  @Test
  void a_correctly_signed_request_is_accepted() {
    String body = newCaseBody();
    String ts = Long.toString(Instant.now().getEpochSecond() - 200);
    SlackTestBot.Answer answer = send(body, ts, bot.sign(ts, body));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("Opened case #1 · Forged case");
  }

  @Test
  void slacks_url_check_is_answered_with_its_challenge_when_signed() {
    String body =
        "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
            + "\"type\":\"url_verification\"}";
    SlackTestBot.Answer answer = bot.postSigned(body, MediaType.get("application/json"), Map.of());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    String ts = Long.toString(Instant.now().getEpochSecond());
    SlackTestBot.Answer unsigned =
        bot.post(
            body.getBytes(StandardCharsets.UTF_8),
            MediaType.get("application/json"),
            Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", "v0=00"));
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.body()).doesNotContain("3eZbrw1a");
  }

  @Test
  void a_forged_signature_gets_401_and_changes_nothing() {
    String body = newCaseBody();
    String ts = Long.toString(Instant.now().getEpochSecond());
    SlackTestBot.Answer answer =
        send(
            body,
            ts,
            new SlackSignatureVerifier("not-our-secret", java.time.Clock.systemUTC())
                .sign(ts, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("{\"error\":\"invalid request signature\"}");
    assertNothingChanged();
  }

  @Test
  void a_body_changed_after_signing_gets_401() {
    String body = newCaseBody();
    String ts = Long.toString(Instant.now().getEpochSecond());
    String signature = bot.sign(ts, body);
    assertThat(send(body.replace("Forged", "Tampered"), ts, signature).status()).isEqualTo(401);
    assertNothingChanged();
  }

  @Test
  void an_expired_signature_gets_401_and_changes_nothing() {
    String body = newCaseBody();
    String ts = Long.toString(Instant.now().getEpochSecond() - 6 * 60);
    assertThat(send(body, ts, bot.sign(ts, body)).status()).isEqualTo(401);
    assertNothingChanged();
  }

  @Test
  void a_future_dated_signature_gets_401_although_bolt_alone_would_accept_it() {
    String body = newCaseBody();
    String ts = Long.toString(Instant.now().getEpochSecond() + 6 * 60);
    assertThat(send(body, ts, bot.sign(ts, body)).status()).isEqualTo(401);
    assertNothingChanged();
  }

  @Test
  void a_request_without_signature_headers_gets_401() {
    assertThat(bot.post(newCaseBody().getBytes(StandardCharsets.UTF_8), FORM, Map.of()).status())
        .isEqualTo(401);
    String ts = Long.toString(Instant.now().getEpochSecond());
    assertThat(
            bot.post(
                    newCaseBody().getBytes(StandardCharsets.UTF_8),
                    FORM,
                    Map.of("X-Slack-Request-Timestamp", ts))
                .status())
        .isEqualTo(401);
    assertNothingChanged();
  }

  @Test
  void a_forged_event_does_not_use_up_its_event_id() {
    var event = SlackTestBot.mention("UANN", "<@UBOT> new Outage at Globex");
    String body = SlackTestBot.eventEnvelope("Ev0FORGED", event, SlackTestBot.TEAM).toString();
    String ts = Long.toString(Instant.now().getEpochSecond());
    SlackTestBot.Answer forged =
        bot.post(
            body.getBytes(StandardCharsets.UTF_8),
            MediaType.get("application/json"),
            Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", "v0=" + "0".repeat(64)));
    assertThat(forged.status()).isEqualTo(401);
    assertNothingChanged();

    assertThat(bot.event("Ev0FORGED", event, Map.of()).status()).isEqualTo(200);
    assertThat(bot.slack.waitFor("chat.postEphemeral").blockText())
        .contains("Opened case #1 · Outage at Globex");
  }

  @Test
  void only_post_is_served_and_oversized_bodies_are_refused() throws Exception {
    OkHttpClient http = new OkHttpClient();
    try (Response r =
        http.newCall(new Request.Builder().url(bot.url() + SlackPlatform.PATH).build()).execute()) {
      assertThat(r.code()).isEqualTo(405);
      assertThat(r.body().string()).doesNotContain("at org.");
    }
    String huge = "text=" + "x".repeat(SlackEventsServlet.MAX_BODY + 10);
    assertThat(bot.postSigned(huge, FORM, Map.of()).status()).isEqualTo(413);
    assertNothingChanged();
  }

  @Test
  void a_signed_but_malformed_payload_gets_a_plain_error_and_changes_nothing() {
    SlackTestBot.Answer answer = bot.postSigned("payload=%7Bnot+json", FORM, Map.of());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at com.");
    SlackTestBot.Answer noEvent =
        bot.postSigned(
            "{\"type\":\"event_callback\"}", MediaType.get("application/json"), Map.of());
    assertThat(noEvent.status()).isEqualTo(400);
    assertThat(noEvent.body()).doesNotContain("Exception");
    assertNothingChanged();
  }

  @Test
  void a_signed_payload_bolt_or_our_listeners_cannot_read_gets_400_not_500() {
    String clickWithNullAction =
        "payload="
            + java.net.URLEncoder.encode(
                "{\"type\":\"block_actions\",\"team\":{\"id\":\""
                    + SlackTestBot.TEAM
                    + "\"},\"user\":{\"id\":\"UANN\"},\"actions\":[null]}",
                StandardCharsets.UTF_8);
    SlackTestBot.Answer click = bot.postSigned(clickWithNullAction, FORM, Map.of());
    assertThat(click.status()).isEqualTo(400);
    assertThat(click.body()).isEqualTo("{\"error\":\"malformed request\"}");

    String commandWithoutUser =
        SlackTestBot.formBody(
            Map.of(
                "team_id", SlackTestBot.TEAM,
                "command", "/followup",
                "text", "new Nobody's case"));
    SlackTestBot.Answer command = bot.postSigned(commandWithoutUser, FORM, Map.of());
    assertThat(command.status()).isEqualTo(400);
    assertThat(command.body()).doesNotContain("Exception").doesNotContain("Something is wrong");
    assertNothingChanged();
  }

  @Test
  void a_slash_command_from_another_workspace_is_refused_politely() {
    SlackTestBot.Answer answer =
        bot.slash("UEVE", "new Steal the queue", "T0GLOBEX", SlackTestBot.CHANNEL);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(answer.text())
        .contains("this followup-bot works for the Acme Support workspace only");
    assertNothingChanged();
  }

  @Test
  void a_click_from_another_workspace_is_refused_politely_and_changes_nothing() {
    bot.slash("UANN", "new Refund");
    bot.cardOf(1);
    int before = bot.slack.effects().size();
    SlackTestBot.Answer answer =
        bot.click(
            "UEVE",
            "claim 1",
            SlackTestBot.Container.message(SlackTestBot.CHANNEL, "1795000000.000101"),
            "T0GLOBEX",
            bot.slack.responseUrl("actions/globex"));
    assertThat(answer.status()).isEqualTo(200);
    FakeSlackApi.Call told = bot.slack.waitFor("response_url");
    assertThat(told.bodyJson().path("text").asText()).contains("works for the Acme Support");
    assertThat(told.bodyJson().path("replace_original").asBoolean()).isFalse();
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.UNCLAIMED);
    assertThat(bot.slack.effects()).hasSize(before + 1);
  }

  @Test
  void an_event_from_another_workspace_is_ignored() {
    var event = SlackTestBot.mention("UEVE", "<@UBOT> new Steal the queue");
    String body = SlackTestBot.eventEnvelope("Ev0GLOBEX", event, "T0GLOBEX").toString();
    assertThat(bot.postSigned(body, MediaType.get("application/json"), Map.of()).status())
        .isEqualTo(200);
    assertNothingChanged();
  }

  @Test
  void a_retried_event_has_one_effect() {
    var event = SlackTestBot.mention("UANN", "<@UBOT> new Outage at Globex");
    assertThat(bot.event("Ev0RETRIED", event, Map.of()).status()).isEqualTo(200);
    assertThat(
            bot.event(
                    "Ev0RETRIED",
                    event,
                    Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                .status())
        .isEqualTo(200);
    assertThat(
            bot.event(
                    "Ev0RETRIED",
                    event,
                    Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_error"))
                .status())
        .isEqualTo(200);
    bot.cardOf(1);
    bot.slack.waitFor("chat.postEphemeral");
    assertThat(
            bot.core
                .cases()
                .list(SlackTestBot.TENANT, EnumSet.allOf(CaseStatus.class), Optional.empty(), 10))
        .hasSize(1);
    assertThat(bot.slack.calls("chat.postMessage")).hasSize(1);
    assertThat(bot.slack.calls("chat.postEphemeral")).hasSize(1);
  }
}
