package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest an admin pastes into Slack matches what the adapter serves and calls. */
class SlackManifestTest {

  private static JsonNode manifest() throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readTree(Path.of("..", "config", "slack-manifest.yml").toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void every_url_points_at_slack_events() throws IOException {
    JsonNode m = manifest();
    assertThat(m.at("/settings/event_subscriptions/request_url").asText())
        .endsWith(SlackPlatform.PATH);
    assertThat(m.at("/settings/interactivity/request_url").asText()).endsWith(SlackPlatform.PATH);
    assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
    JsonNode command = m.at("/features/slash_commands/0");
    assertThat(command.path("command").asText()).isEqualTo("/followup");
    assertThat(command.path("url").asText()).endsWith(SlackPlatform.PATH);
    assertThat(command.path("should_escape").asBoolean()).isTrue();
  }

  @Test
  void it_asks_for_the_scopes_the_adapter_uses_and_no_others() throws IOException {
    assertThat(texts(manifest().at("/oauth_config/scopes/bot")))
        .containsExactlyInAnyOrder(
            "commands",
            "app_mentions:read",
            "chat:write",
            "chat:write.public",
            "im:write",
            "users:read",
            "channels:history",
            "groups:history",
            "im:history",
            "reactions:read",
            "reactions:write");
  }

  @Test
  void it_subscribes_to_the_events_the_adapter_handles() throws IOException {
    JsonNode m = manifest();
    assertThat(texts(m.at("/settings/event_subscriptions/bot_events")))
        .containsExactlyInAnyOrder(
            "app_mention",
            "app_home_opened",
            "app_uninstalled",
            "tokens_revoked",
            "message.channels",
            "message.groups",
            "reaction_added");
    assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
    assertThat(m.at("/features/shortcuts/0/type").asText()).isEqualTo("message");
    assertThat(m.at("/features/shortcuts/0/callback_id").asText()).isEqualTo(CaseModal.SHORTCUT);
    assertThat(m.at("/features/shortcuts/1/type").asText()).isEqualTo("message");
    assertThat(m.at("/features/shortcuts/1/callback_id").asText()).isEqualTo(RemindModal.SHORTCUT);
    assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isFalse();
  }
}
