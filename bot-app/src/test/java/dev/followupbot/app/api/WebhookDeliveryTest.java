package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound webhooks from the running server to a receiver on loopback (MockWebServer), which checks
 * each signature the way docs/api.md tells receivers to.
 */
class WebhookDeliveryTest {

  private static final String TOKEN = "acme-0123456789abcdef0123456789abcdef";
  private static final String SECRET = "whsec-5f0c1a7e9b2d4c6e8a0b1c2d3e4f5a6b";

  @TempDir Path dir;
  private final MockWebServer receiver = new MockWebServer();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private LiveServer live;

  @BeforeEach
  void start() throws Exception {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request);
            Integer status;
            synchronized (statuses) {
              status = statuses.poll();
            }
            return new MockResponse().setResponseCode(status == null ? 200 : status);
          }
        });
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    live =
        new LiveServer(
            dir,
            "webhooks:\n  - url: "
                + receiver.url("/hooks/followup")
                + "\n    secret_env: FOLLOWUP_WEBHOOK_SECRET\n",
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "console:local=" + TOKEN,
                "FOLLOWUP_WEBHOOK_SECRET",
                SECRET));
  }

  @AfterEach
  void stop() throws Exception {
    live.close();
    receiver.shutdown();
  }

  private void answerNext(Integer... codes) {
    synchronized (statuses) {
      statuses.addAll(List.of(codes));
    }
  }

  private LiveServer.Answer api(String method, String path, String json) {
    LiveServer.Answer a = live.send(method, path, TOKEN, json);
    assertThat(a.code()).as(a.text()).isLessThan(300);
    return a;
  }

  private void awaitReceived(int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= count);
    assertThat(received).hasSize(count);
  }

  /** The receiver's check: HMAC-SHA256 of "<t>.<body>" with the shared secret, in constant time. */
  private static boolean verified(RecordedRequest request, byte[] body) throws Exception {
    Matcher m =
        Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})")
            .matcher(request.getHeader("X-Followup-Signature"));
    if (!m.matches()) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((m.group(1) + ".").getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(m.group(2)));
  }

  @Test
  void a_case_change_is_posted_right_away_signed_and_the_receiver_can_verify_it() throws Exception {
    api(
        "POST",
        "/api/v1/cases",
        "{\"external_ref\":\"ZD-7\",\"subject\":\"Refund\",\"channel\":\"console\",\"actor\":\"zendesk\"}");
    awaitReceived(1);
    RecordedRequest event = received.get(0);
    byte[] body = event.getBody().readByteArray();
    assertThat(event.getMethod()).isEqualTo("POST");
    assertThat(event.getPath()).isEqualTo("/hooks/followup");
    assertThat(event.getHeader("Content-Type")).startsWith("application/json");
    assertThat(verified(event, body)).isTrue();
    assertThat(
            verified(
                event,
                (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8)))
        .as("a changed body fails the check")
        .isFalse();
    assertThat(event.getHeader("X-Followup-Signature"))
        .startsWith("t=" + live.clock.instant().getEpochSecond() + ",");
    JsonNode json = LiveServer.JSON.readTree(body);
    assertThat(event.getHeader("X-Followup-Event")).isEqualTo("case.created");
    assertThat(event.getHeader("X-Followup-Event-Id")).isEqualTo(json.get("id").asText());
    assertThat(json.get("tenant").asText()).isEqualTo("console:local");
    assertThat(json.at("/case/external_ref").asText()).isEqualTo("ZD-7");
    assertThat(json.at("/change/via").asText()).isEqualTo("API");
    assertThat(json.at("/change/actor/id").asText()).isEqualTo("zendesk");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api("GET", "/api/v1/webhooks/deliveries", null)
                    .json()
                    .at("/deliveries/0/state")
                    .asText()
                    .equals("delivered"));
    JsonNode log = api("GET", "/api/v1/webhooks/deliveries", null).json().at("/deliveries/0");
    assertThat(log.get("type").asText()).isEqualTo("case.created");
    assertThat(log.get("attempts").asInt()).isEqualTo(1);
    assertThat(log.get("last_status").asInt()).isEqualTo(200);
    assertThat(log.get("url").asText()).isEqualTo(receiver.url("/hooks/followup").toString());
  }

  @Test
  void after_failures_an_event_is_retried_with_backoff_and_the_cases_later_events_follow_in_order()
      throws Exception {
    answerNext(500, 503);
    api("POST", "/api/v1/cases", "{\"subject\":\"Refund\",\"channel\":\"console\"}");
    awaitReceived(1);
    api("POST", "/api/v1/cases/1/claim", "{\"actor\":\"ann\"}");
    api("POST", "/api/v1/cases/1/resolve", "{\"actor\":\"ann\"}");
    live.sweep();
    assertThat(received).as("nothing goes before the first event's backoff ends").hasSize(1);

    live.clock.advance(Duration.ofMinutes(10));
    live.sweep();
    awaitReceived(2);

    live.clock.advance(Duration.ofMinutes(10));
    live.sweep();
    awaitReceived(5);
    List<String> types = received.stream().map(r -> r.getHeader("X-Followup-Event")).toList();
    assertThat(types)
        .containsExactly(
            "case.created", "case.created", "case.created", "case.claimed", "case.resolved");
    assertThat(received.stream().map(r -> r.getHeader("X-Followup-Attempt")).toList())
        .containsExactly("1", "2", "3", "1", "1");
    String createdId = received.get(0).getHeader("X-Followup-Event-Id");
    assertThat(received.get(1).getHeader("X-Followup-Event-Id")).isEqualTo(createdId);
    assertThat(received.get(2).getHeader("X-Followup-Event-Id")).isEqualTo(createdId);
    for (RecordedRequest r : received) {
      assertThat(verified(r, r.getBody().readByteArray())).isTrue();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api("GET", "/api/v1/webhooks/deliveries?case=1&state=delivered", null)
                        .json()
                        .get("deliveries")
                        .size()
                    == 3);
    JsonNode created =
        api("GET", "/api/v1/webhooks/deliveries?case=1", null).json().at("/deliveries/2");
    assertThat(created.get("type").asText()).isEqualTo("case.created");
    assertThat(created.get("attempts").asInt()).isEqualTo(3);
  }
}
