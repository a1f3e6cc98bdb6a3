package dev.followupbot.teams;

import static dev.followupbot.teams.TeamsHarness.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.testing.FakeConnector;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TEAMS_AUTH=off, for local tries with Microsoft 365 Agents Playground: no token needed, but only
 * loopback service URLs are accepted, so the bot can never be made to call out elsewhere.
 */
class TeamsAuthOffTest {

  private final FakeConnector connector = new FakeConnector();
  private final TeamsHarness teams =
      new TeamsHarness(
          Map.of(TeamsSettings.AUTH, "off"),
          TestDatabases.h2(),
          MutableClock.at("2026-11-23T09:00:00Z"),
          connector);

  @AfterEach
  void close() {
    teams.close();
  }

  @Test
  void an_activity_without_a_token_from_a_loopback_service_is_answered_without_a_token() {
    assertThat(teams.post(teams.personal(ANN, "help"), null).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> connector.requestCount() == 1);
    assertThat(connector.calls().get(0).authorization()).isNull();
    assertThat(connector.everything()).contains("followup-bot keeps every case owned");
  }

  @Test
  void an_activity_without_a_tenant_is_served_in_one_local_tenant() {
    ObjectNode activity = teams.personal(ANN, "new Try it out");
    activity.remove("channelData");
    ((ObjectNode) activity.get("conversation")).remove("tenantId");
    assertThat(teams.post(activity, null).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> connector.everything().contains("Opened case"));
    assertThat(
            teams
                .core
                .cases()
                .findByNumber(
                    new dev.followupbot.core.domain.TenantId(
                        dev.followupbot.core.domain.Platform.TEAMS, "local"),
                    1))
        .isPresent();
  }

  @Test
  void a_non_loopback_service_url_is_refused() {
    ObjectNode activity = teams.personal(ANN, "help");
    activity.put("serviceUrl", "https://smba.trafficmanager.net/emea/");
    assertThat(teams.post(activity, null).status()).isEqualTo(403);
    assertThat(teams.storage.addresses().find(TeamsHarness.TEAMS_TENANT, "user:" + ANN.id()))
        .isEmpty();
  }

  @Test
  void settings_say_loudly_that_authentication_is_off() {
    assertThat(teams.platform.describe()).contains("auth OFF").contains("loopback only");
  }
}
