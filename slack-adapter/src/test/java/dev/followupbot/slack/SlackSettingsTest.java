package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Slack variables: all or nothing, never empty, and each mistake named precisely. */
class SlackSettingsTest {

  private static final String TOKEN = "xoxb-123-456-abc";
  private static final String SECRET = "0123456789abcdef";

  @Test
  void no_slack_variables_means_slack_is_off() {
    assertThat(SlackSettings.from(Map.of("PORT", "3000"))).isEmpty();
  }

  @Test
  void token_and_secret_turn_slack_on_over_http_with_the_public_api() {
    SlackSettings s =
        SlackSettings.from(Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_SIGNING_SECRET", SECRET))
            .orElseThrow();
    assertThat(s.apiUrl()).hasToString("https://slack.com/api/");
    assertThat(s.socketMode()).isFalse();
    assertThat(s.toString()).doesNotContain(TOKEN).doesNotContain(SECRET);
  }

  @Test
  void an_app_token_selects_socket_mode() {
    SlackSettings s =
        SlackSettings.from(
                Map.of(
                    "SLACK_BOT_TOKEN", TOKEN,
                    "SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_APP_TOKEN", "xapp-1-A0-123-abc"))
            .orElseThrow();
    assertThat(s.socketMode()).isTrue();
    assertThat(s.toString()).contains("Socket Mode").doesNotContain("xapp-");
  }

  @Test
  void a_token_without_a_secret_names_the_missing_secret() {
    assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_BOT_TOKEN", TOKEN)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SLACK_SIGNING_SECRET is missing: SLACK_BOT_TOKEN is set, and Slack needs both"
                + " SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. Set SLACK_SIGNING_SECRET to the"
                + " signing secret from Basic Information → App Credentials, or unset the Slack"
                + " variables to run without Slack.");
  }

  @Test
  void a_secret_without_a_token_names_the_missing_token() {
    assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_SIGNING_SECRET", SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_BOT_TOKEN is missing: SLACK_SIGNING_SECRET is set");
    assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_APP_TOKEN", "xapp-1")))
        .hasMessageStartingWith("SLACK_BOT_TOKEN is missing: SLACK_APP_TOKEN is set");
  }

  @Test
  void an_empty_value_is_named_as_empty() {
    assertThatThrownBy(
            () ->
                SlackSettings.from(Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_SIGNING_SECRET", "  ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SLACK_SIGNING_SECRET is set but empty: set it to the signing");
    assertThatThrownBy(
            () -> SlackSettings.from(Map.of("SLACK_BOT_TOKEN", "", "SLACK_SIGNING_SECRET", SECRET)))
        .hasMessageStartingWith("SLACK_BOT_TOKEN is set but empty");
    assertThatThrownBy(
            () ->
                SlackSettings.from(
                    Map.of(
                        "SLACK_BOT_TOKEN", TOKEN,
                        "SLACK_SIGNING_SECRET", SECRET,
                        "SLACK_APP_TOKEN", "")))
        .hasMessageStartingWith("SLACK_APP_TOKEN is set but empty");
  }

  @Test
  void tokens_of_the_wrong_kind_are_named() {
    assertThatThrownBy(
            () ->
                SlackSettings.from(
                    Map.of("SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_SIGNING_SECRET", SECRET)))
        .hasMessageStartingWith(
            "SLACK_BOT_TOKEN is not a bot token: expected a value starting with xoxb-");
    assertThatThrownBy(
            () ->
                SlackSettings.from(
                    Map.of(
                        "SLACK_BOT_TOKEN", TOKEN,
                        "SLACK_SIGNING_SECRET", SECRET,
                        "SLACK_APP_TOKEN", TOKEN)))
        .hasMessageStartingWith("SLACK_APP_TOKEN is not an app-level token");
  }

  @Test
  void the_api_url_must_be_https_except_on_this_machine() {
    Map<String, String> base = Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_SIGNING_SECRET", SECRET);
    assertThat(with(base, "https://slack-gov.com/api").apiUrl())
        .hasToString("https://slack-gov.com/api/");
    assertThat(with(base, "http://127.0.0.1:8080/api/").apiUrl())
        .hasToString("http://127.0.0.1:8080/api/");
    assertThat(with(base, "http://localhost:9/api").apiUrl())
        .hasToString("http://localhost:9/api/");
    assertThatThrownBy(() -> with(base, "http://proxy.corp/api/"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SLACK_API_URL=http://proxy.corp/api/ is not valid: expected the Slack Web API base"
                + " URL, such as https://slack.com/api/ (https://, or http:// for localhost only).");
    assertThatThrownBy(() -> with(base, "slack.com/api")).hasMessageContaining("is not valid");
    assertThatThrownBy(() -> with(base, "https://user:pw@slack.com/api/"))
        .hasMessageContaining("is not valid");
    assertThatThrownBy(() -> with(base, " "))
        .hasMessageStartingWith("SLACK_API_URL is set but empty");
    assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_API_URL", "https://slack.com/api/")))
        .hasMessageStartingWith("SLACK_API_URL is set but Slack is off");
  }

  private static SlackSettings with(Map<String, String> base, String apiUrl) {
    Map<String, String> env = new java.util.HashMap<>(base);
    env.put("SLACK_API_URL", apiUrl);
    return SlackSettings.from(env).orElseThrow();
  }
}
