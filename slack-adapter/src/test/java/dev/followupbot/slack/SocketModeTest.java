package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.ManualReminderScheduler;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode: no public URL; the bot opens a WebSocket to Slack (here, to the fake) and gets the
 * same slash commands, acknowledging each envelope with the same answer it would give over HTTP.
 */
class SocketModeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSlackApi slack = new FakeSlackApi();
  private final Database database = TestDatabases.h2();
  private final BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
  private volatile WebSocket connection;
  private SlackPlatform platform;

  @AfterEach
  void stop() throws Exception {
    if (platform != null) {
      platform.close();
    }
    if (connection != null) {
      connection.close(1000, "test over");
    }
    database.close();
    slack.close();
  }

  @Test
  void a_slash_command_over_socket_mode_is_acknowledged_with_its_answer() throws Exception {
    slack.user("UANN", "Ann", "Europe/Berlin");
    slack.socket(
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket webSocket, Response response) {
            connection = webSocket;
            webSocket.send(
                "{\"type\":\"hello\",\"num_connections\":1,"
                    + "\"connection_info\":{\"app_id\":\"A0FOLLOWUP\"}}");
          }

          @Override
          public void onMessage(WebSocket webSocket, String text) {
            fromBot.add(text);
          }

          @Override
          public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
          }
        });
    MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
    platform =
        SlackPlatform.connect(
            new SlackSettings(
                "xoxb-1-socket",
                "unused-in-socket-mode",
                URI.create(slack.apiUrl()),
                Optional.of("xapp-1-A0-socket")),
            clock);
    assertThat(platform.describe()).isEqualTo("Slack: on (team T0ACME Acme Support, Socket Mode)");
    Storage storage = JdbiStorage.on(database, clock);
    FollowupCore core =
        FollowupCore.builder(storage, new ManualReminderScheduler())
            .messengers(List.of(platform.messenger(storage.addresses())))
            .config(dev.followupbot.core.testing.CoreHarness.quiet(FollowupConfig.DEFAULTS))
            .node("socket-node")
            .clock(clock)
            .build();
    platform.startSocketMode(core);

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> connection != null);
    assertThat(slack.calls("apps.connections.open").get(0).authorization())
        .isEqualTo("Bearer xapp-1-A0-socket");

    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("token", "legacy")
        .put("team_id", SlackTestBot.TEAM)
        .put("team_domain", "acme")
        .put("channel_id", SlackTestBot.CHANNEL)
        .put("channel_name", "support")
        .put("user_id", "UANN")
        .put("user_name", "ann")
        .put("command", "/followup")
        .put("text", "new Refund for Acme")
        .put("api_app_id", "A0FOLLOWUP")
        .put("is_enterprise_install", "false")
        .put("response_url", slack.responseUrl("commands/socket"))
        .put("trigger_id", "1.2.3");
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", "env-1").put("type", "slash_commands");
    envelope.put("accepts_response_payload", true).set("payload", payload);
    connection.send(envelope.toString());

    String ack = fromBot.poll(10, TimeUnit.SECONDS);
    assertThat(ack).as("the envelope was acknowledged").isNotNull();
    JsonNode answer = JSON.readTree(ack);
    assertThat(answer.path("envelope_id").asText()).isEqualTo("env-1");
    assertThat(answer.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(answer.path("payload").path("text").asText()).isEqualTo("Opened case #1 · Refund");
    FakeSlackApi.Call card = slack.waitFor("chat.postMessage");
    assertThat(card.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(card.authorization()).isEqualTo("Bearer xoxb-1-socket");
  }
}
