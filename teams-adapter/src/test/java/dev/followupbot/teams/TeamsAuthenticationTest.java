package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static dev.followupbot.teams.TeamsHarness.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWTCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.testing.FakeConnector;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every request to /api/messages is authenticated in full, offline: Bot Framework's keys are served
 * locally and tokens signed with them. A request that fails any check gets 401 or 403 and has no
 * effect at all: no reply, no stored conversation, no person remembered.
 */
class TeamsAuthenticationTest {

  private final TeamsHarness teams = TeamsHarness.start();
  private final BotFrameworkKeys keys = BotFrameworkKeys.get();

  @AfterEach
  void close() {
    teams.close();
  }

  private ObjectNode hello() {
    return teams.personal(ANN, "help");
  }

  private String bearer(JWTCreator.Builder token) {
    return "Bearer " + keys.sign(token, false);
  }

  private void assertNoSideEffect() {
    assertThat(teams.connector.requestCount()).isZero();
    assertThat(teams.storage.addresses().find(TeamsHarness.TEAMS_TENANT, "user:" + ANN.id()))
        .isEmpty();
    assertThat(teams.storage.people().find(TeamsHarness.TEAMS_TENANT, ANN.id())).isEmpty();
  }

  @Test
  void a_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_own_token() {
    TeamsHarness.Answer answer = teams.post(hello());
    assertThat(answer.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> teams.connector.requestCount() == 1);
    FakeConnector.Call reply = teams.connector.calls().get(0);
    assertThat(reply.method()).isEqualTo("POST");
    assertThat(reply.path()).startsWith("/v3/conversations/" + "a:personal-");
    assertThat(reply.authorization()).isEqualTo("Bearer " + TeamsHarness.OUTBOUND_TOKEN);
    assertThat(reply.text()).contains("followup-bot keeps every case owned");
  }

  @Test
  void a_token_for_another_bot_is_forbidden() {
    String token = bearer(keys.base("00000000-1111-2222-3333-444444444444", teams.connector.url()));
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void a_token_from_another_issuer_is_forbidden() {
    String token =
        bearer(keys.base(APP_ID, teams.connector.url()).withIssuer("https://evil.example.com"));
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void an_emulator_token_is_forbidden_even_when_correctly_formed() {
    String token =
        bearer(
            keys.base(APP_ID, teams.connector.url())
                .withIssuer("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")
                .withClaim("appid", APP_ID)
                .withClaim("ver", "1.0"));
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void an_expired_token_is_forbidden() {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String token =
        bearer(
            keys.base(APP_ID, teams.connector.url())
                .withNotBefore(Date.from(past.minus(Duration.ofHours(1))))
                .withIssuedAt(Date.from(past.minus(Duration.ofHours(1))))
                .withExpiresAt(Date.from(past)));
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void a_token_without_an_expiry_is_forbidden_though_bot_builder_would_take_it() {
    Instant now = Instant.now();
    String token =
        bearer(
            com.auth0
                .jwt
                .JWT
                .create()
                .withKeyId(BotFrameworkKeys.KID)
                .withIssuer(BotFrameworkKeys.ISSUER)
                .withAudience(APP_ID)
                .withNotBefore(Date.from(now.minus(Duration.ofMinutes(1))))
                .withIssuedAt(Date.from(now.minus(Duration.ofMinutes(1))))
                .withClaim("serviceurl", teams.connector.url()));
    TeamsHarness.Answer answer = teams.post(hello(), token);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("error").asText()).contains("expiry");
    assertNoSideEffect();
  }

  @Test
  void a_token_expired_longer_ago_than_microsofts_five_minutes_of_skew_is_forbidden() {
    Instant expired = Instant.now().minus(Duration.ofMinutes(5)).minus(Duration.ofSeconds(30));
    String token =
        bearer(
            keys.base(APP_ID, teams.connector.url())
                .withNotBefore(Date.from(expired.minus(Duration.ofHours(1))))
                .withIssuedAt(Date.from(expired.minus(Duration.ofHours(1))))
                .withExpiresAt(Date.from(expired)));
    TeamsHarness.Answer answer = teams.post(hello(), token);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("error").asText()).contains("expired");
    assertNoSideEffect();
  }

  @Test
  void a_token_whose_serviceurl_claim_names_another_service_is_forbidden() {
    String token = bearer(keys.base(APP_ID, "https://smba.trafficmanager.net/emea/"));
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void a_token_signed_with_an_unpublished_key_is_forbidden() {
    String token = "Bearer " + keys.sign(keys.base(APP_ID, teams.connector.url()), true);
    assertThat(teams.post(hello(), token).status()).isEqualTo(403);
    assertNoSideEffect();
  }

  @Test
  void a_request_without_authorization_is_unauthorized() {
    TeamsHarness.Answer answer = teams.post(hello(), null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().path("error").asText()).contains("Authorization");
    assertNoSideEffect();
  }

  @Test
  void a_malformed_bearer_token_is_forbidden_with_json_not_a_stack_trace() {
    TeamsHarness.Answer answer = teams.post(hello(), "Bearer not.a.jwt");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).startsWith("{").doesNotContain("Exception").doesNotContain("at com.");
    assertNoSideEffect();
  }

  @Test
  void a_body_that_is_not_an_activity_is_a_bad_request() {
    TeamsHarness.Answer answer = teams.postRaw("{not json", "Bearer x");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").asText()).contains("not a Bot Framework activity");
    assertThat(teams.postRaw("[1,2]", "Bearer x").status()).isEqualTo(400);
    assertNoSideEffect();
  }
}
