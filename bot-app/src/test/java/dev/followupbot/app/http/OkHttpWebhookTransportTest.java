package dev.followupbot.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.port.WebhookTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook posts survive receivers that close idle connections, and are never sent twice by the HTTP
 * client when the receiver may have them.
 */
class OkHttpWebhookTransportTest {

  private final MockWebServer receiver = new MockWebServer();
  private final OkHttpWebhookTransport transport = new OkHttpWebhookTransport();

  @AfterEach
  void stop() throws IOException {
    transport.close();
    receiver.shutdown();
  }

  private int post(String event) {
    return transport.post(
        receiver.url("/hooks/followup").toString(),
        Map.of("X-Followup-Event", event),
        ("{\"event\":\"" + event + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void events_after_the_receiver_closed_the_idle_connection_each_arrive_once() throws Exception {
    for (int i = 0; i < 3; i++) {
      receiver.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    }
    assertThat(post("case.opened")).isEqualTo(200);
    assertThat(post("case.claimed")).isEqualTo(200);
    assertThat(post("case.resolved")).isEqualTo(200);

    assertThat(receiver.getRequestCount()).isEqualTo(3);
    assertThat(receiver.takeRequest().getHeader("X-Followup-Event")).isEqualTo("case.opened");
    assertThat(receiver.takeRequest().getHeader("X-Followup-Event")).isEqualTo("case.claimed");
    assertThat(receiver.takeRequest().getHeader("X-Followup-Event")).isEqualTo("case.resolved");
  }

  @Test
  void an_event_the_receiver_may_have_got_is_left_to_the_delivery_log_to_retry() {
    receiver.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    receiver.enqueue(new MockResponse());

    assertThatThrownBy(() -> post("case.opened")).isInstanceOf(WebhookTransport.Unreachable.class);
    assertThat(receiver.getRequestCount()).isEqualTo(1);
  }
}
