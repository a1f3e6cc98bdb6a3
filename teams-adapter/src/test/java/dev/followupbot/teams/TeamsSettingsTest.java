package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Teams starts only when its variables are complete; every mistake names the variable. */
class TeamsSettingsTest {

  private static final String ID = "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c";
  private static final String TENANT = "11111111-2222-3333-4444-555555555555";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void without_any_teams_variable_teams_stays_off() {
    assertThat(TeamsSettings.from(env("PORT", "3000"))).isEmpty();
  }

  @Test
  void app_id_and_password_turn_teams_on_multi_tenant_for_every_tenant() {
    TeamsSettings s =
        TeamsSettings.from(env("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw")).orElseThrow();
    assertThat(s.authOff()).isFalse();
    assertThat(s.singleTenant()).isFalse();
    assertThat(s.serves("any-tenant")).isTrue();
    assertThat(s.describe()).contains("app id " + ID).doesNotContain("pw");
    assertThat(s.serviceUrls().allows("https://smba.trafficmanager.net/emea/")).isTrue();
    assertThat(s.serviceUrls().allows("http://127.0.0.1:3978/")).isFalse();
  }

  @Test
  void a_single_tenant_bot_serves_its_own_tenant_unless_told_otherwise() {
    TeamsSettings s =
        TeamsSettings.from(
                env(
                    "MicrosoftAppId",
                    ID,
                    "MicrosoftAppPassword",
                    "pw",
                    "MicrosoftAppTenantId",
                    TENANT))
            .orElseThrow();
    assertThat(s.singleTenant()).isTrue();
    assertThat(s.serves(TENANT)).isTrue();
    assertThat(s.serves("99999999-8888-7777-6666-555555555555")).isFalse();
    assertThat(s.describe()).contains("single-tenant " + TENANT);
    TeamsSettings wider =
        TeamsSettings.from(
                env(
                    "MicrosoftAppId",
                    ID,
                    "MicrosoftAppPassword",
                    "pw",
                    "MicrosoftAppTenantId",
                    TENANT,
                    "TEAMS_ALLOWED_TENANTS",
                    TENANT + ", 99999999-8888-7777-6666-555555555555"))
            .orElseThrow();
    assertThat(wider.serves("99999999-8888-7777-6666-555555555555")).isTrue();
  }

  @Test
  void an_id_without_a_password_names_the_missing_variable() {
    assertThatThrownBy(() -> TeamsSettings.from(env("MicrosoftAppId", ID)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppPassword is missing");
    assertThatThrownBy(() -> TeamsSettings.from(env("MicrosoftAppPassword", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppId is missing");
    assertThatThrownBy(() -> TeamsSettings.from(env("MicrosoftAppTenantId", TENANT)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppId is missing");
  }

  @Test
  void an_empty_value_is_a_mistake_not_a_way_to_turn_authentication_off() {
    assertThatThrownBy(
            () -> TeamsSettings.from(env("MicrosoftAppId", " ", "MicrosoftAppPassword", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppId is set but empty");
    assertThatThrownBy(
            () -> TeamsSettings.from(env("MicrosoftAppId", ID, "MicrosoftAppPassword", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppPassword is set but empty");
  }

  @Test
  void malformed_values_are_explained() {
    assertThatThrownBy(
            () -> TeamsSettings.from(env("MicrosoftAppId", "my-bot", "MicrosoftAppPassword", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppId=my-bot is not valid")
        .hasMessageContaining("GUID");
    assertThatThrownBy(
            () ->
                TeamsSettings.from(
                    env(
                        "MicrosoftAppId", ID,
                        "MicrosoftAppPassword", "pw",
                        "TEAMS_SERVICE_URL_HOSTS", "https://evil.example.com/x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEAMS_SERVICE_URL_HOSTS entry 'https://evil.example.com/x'");
    assertThatThrownBy(() -> TeamsSettings.from(env("TEAMS_AUTH", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEAMS_AUTH=maybe is not valid");
  }

  @Test
  void auth_off_is_explicit_loopback_only_and_exclusive_with_credentials() {
    TeamsSettings off = TeamsSettings.from(env("TEAMS_AUTH", "off")).orElseThrow();
    assertThat(off.authOff()).isTrue();
    assertThat(off.serviceUrls().allows("http://localhost:56150/_connector")).isTrue();
    assertThat(off.serviceUrls().allows("https://smba.trafficmanager.net/emea/")).isFalse();
    assertThatThrownBy(() -> TeamsSettings.from(env("TEAMS_AUTH", "off", "MicrosoftAppId", ID)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MicrosoftAppId is set too");
  }

  @Test
  void the_service_url_list_is_microsofts_plus_what_is_configured() {
    ServiceUrlPolicy p =
        TeamsSettings.from(
                env(
                    "MicrosoftAppId", ID,
                    "MicrosoftAppPassword", "pw",
                    "TEAMS_SERVICE_URL_HOSTS", "*.example.net"))
            .orElseThrow()
            .serviceUrls();
    assertThat(p.allows("https://smba.trafficmanager.net/amer/")).isTrue();
    assertThat(p.allows("https://emea.ng.msg.botframework.com/")).isTrue();
    assertThat(p.allows("https://smba.infra.gcc.teams.microsoft.com/")).isTrue();
    assertThat(p.allows("https://smba.infra.dod.teams.microsoft.us/x/")).isTrue();
    assertThat(p.allows("https://bots.example.net/")).isTrue();
    assertThat(p.allows("http://smba.trafficmanager.net/amer/")).isFalse();
    assertThat(p.allows("https://botframework.com.evil.io/")).isFalse();
    assertThat(p.allows("https://evilbotframework.com/")).isFalse();
    assertThat(p.allows("https://user@smba.trafficmanager.net/")).isFalse();
    assertThat(p.allows("not a url")).isFalse();
    assertThat(p.allows(null)).isFalse();
  }
}
