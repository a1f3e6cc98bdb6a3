package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 5: Slack delivers the same app_mention (one event_id) four times, twice to each of two
 * clustered nodes, all at once, as it does when it thinks a delivery went unanswered. Exactly one
 * case is opened and its card posted once. And an attacker's replay of a captured signed slash
 * command, to either node, has no effect. Skipped when PostgreSQL is unreachable.
 */
class EventRedeliveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void one_event_delivered_four_times_to_two_nodes_has_one_effect() throws Exception {
    DatabaseSettings database = TestDatabases.postgresSettings();
    try (FakeSlackApi slack = new FakeSlackApi();
        ServeNode a = ServeNode.start(dir, ClusterFailoverIT.member(dir, "a", slack, database));
        ServeNode b = ServeNode.start(dir, ClusterFailoverIT.member(dir, "b", slack, database))) {
      String body = mention("Ev0DUPLICATE1", "<@UBOT> new \"Refund for ACME\"");
      ExecutorService senders = Executors.newFixedThreadPool(4);
      List<Future<Integer>> answers = new ArrayList<>();
      try {
        for (int retry = 0; retry < 4; retry++) {
          ServeNode to = retry % 2 == 0 ? a : b;
          int retryNum = retry;
          Callable<Integer> send = () -> deliver(to, body, retryNum);
          answers.add(senders.submit(send));
        }
        for (Future<Integer> answer : answers) {
          assertThat(answer.get()).isEqualTo(200);
        }
      } finally {
        senders.shutdownNow();
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (cards(slack).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      // Time for a second effect to show, if there were one.
      Thread.sleep(4000);
      assertThat(cards(slack)).as(a.output() + "\n---\n" + b.output()).hasSize(1);
      JsonNode cases = listCases(b);
      assertThat(cases.path("cases")).hasSize(1);
      assertThat(cases.path("cases").get(0).path("subject").asText()).isEqualTo("Refund for ACME");
    }
  }

  /**
   * A captured signed slash command (one signature, one timestamp) replayed within Slack's
   * five-minute window, to the other node and back: the record of accepted signatures is in the
   * database, so only the first has an effect, whichever node gets the copies.
   */
  @Test
  void a_captured_slash_command_replayed_to_either_node_opens_one_case() throws Exception {
    DatabaseSettings database = TestDatabases.postgresSettings();
    try (FakeSlackApi slack = new FakeSlackApi();
        ServeNode a = ServeNode.start(dir, ClusterFailoverIT.member(dir, "a", slack, database));
        ServeNode b = ServeNode.start(dir, ClusterFailoverIT.member(dir, "b", slack, database))) {
      String body =
          "team_id="
              + FakeSlackApi.TEAM
              + "&channel_id=C0SUPPORT&user_id=U0ANN&command=%2Ffollowup"
              + "&text=new+%22Replayed+refund%22&trigger_id=1.2.replayed"
              + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1";
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      String signature = sign(timestamp, body);
      List<String> answers = new ArrayList<>();
      for (ServeNode to : List.of(a, b, a, b)) {
        Request request =
            new Request.Builder()
                .url(to.url("/slack/events"))
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded")))
                .build();
        try (Response r = ServeNode.HTTP.newCall(request).execute()) {
          assertThat(r.code()).isEqualTo(200);
          answers.add(r.body().string());
        }
      }
      assertThat(answers.get(0)).contains("Opened case #1");
      assertThat(answers.subList(1, 4)).as("the copies do nothing").allMatch(String::isEmpty);
      JsonNode cases = listCases(b);
      assertThat(cases.path("cases")).hasSize(1);
      assertThat(cases.path("cases").get(0).path("subject").asText()).isEqualTo("Replayed refund");
    }
  }

  private static List<FakeSlackApi.Posted> cards(FakeSlackApi slack) {
    return slack.posts().stream()
        .filter(p -> p.key().filter(k -> k.matches("card:\\d+")).isPresent())
        .toList();
  }

  private static JsonNode listCases(ServeNode node) throws Exception {
    Request request =
        new Request.Builder()
            .url(node.url("/api/v1/cases"))
            .header("Authorization", "Bearer " + ServeNode.API_TOKEN)
            .build();
    try (Response r = ServeNode.HTTP.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(200);
      return JSON.readTree(r.body().string());
    }
  }

  /** Posts the event as Slack does, signed, with its retry headers after the first attempt. */
  private static int deliver(ServeNode node, String body, int retryNum) throws Exception {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    Request.Builder request =
        new Request.Builder()
            .url(node.url("/slack/events"))
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", sign(timestamp, body))
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (retryNum > 0) {
      request.header("X-Slack-Retry-Num", Integer.toString(retryNum));
      request.header("X-Slack-Retry-Reason", "http_timeout");
    }
    try (Response r = ServeNode.HTTP.newCall(request.build()).execute()) {
      return r.code();
    }
  }

  private static String sign(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(ServeNode.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(digest);
  }

  private static String mention(String eventId, String text) {
    var event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", "U0ANN");
    event.put("text", text);
    event.put("ts", "1795000000.000200");
    event.put("channel", "C0SUPPORT");
    event.put("event_ts", "1795000000.000200");
    var envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", FakeSlackApi.TEAM);
    envelope.put("api_app_id", "A0FOLLOWUP");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", System.currentTimeMillis() / 1000);
    envelope
        .putArray("authorizations")
        .addObject()
        .putNull("enterprise_id")
        .put("team_id", FakeSlackApi.TEAM)
        .put("user_id", "UBOT")
        .put("is_bot", true)
        .put("is_enterprise_install", false);
    envelope.put("is_ext_shared_channel", false);
    return envelope.toString();
  }
}
