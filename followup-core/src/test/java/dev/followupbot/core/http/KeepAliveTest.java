package dev.followupbot.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound clients survive peers that close idle connections: a request that lands on a connection
 * the peer already closed goes again on a fresh one, once; anything the peer may have received is
 * left to the caller.
 */
class KeepAliveTest {

  private final MockWebServer peer = new MockWebServer();

  @AfterEach
  void stop() throws IOException {
    peer.shutdown();
  }

  private int post(OkHttpClient client, String body) throws IOException {
    Request request =
        new Request.Builder()
            .url(peer.url("/v3/conversations/a/activities"))
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  /** The peer answers, then closes the connection, as one whose keep-alive timeout has passed. */
  private void answerThenClose() {
    peer.enqueue(new MockResponse().setBody("{}").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
  }

  @Test
  void a_post_on_a_connection_the_peer_closed_goes_again_on_a_fresh_one_and_arrives_once()
      throws Exception {
    OkHttpClient client = KeepAlive.apply(new OkHttpClient.Builder()).build();
    answerThenClose();
    peer.enqueue(new MockResponse().setBody("{}"));

    assertThat(post(client, "{\"text\":\"first\"}")).isEqualTo(200);
    assertThat(post(client, "{\"text\":\"second\"}")).isEqualTo(200);

    assertThat(peer.getRequestCount()).isEqualTo(2);
    assertThat(peer.takeRequest().getBody().readUtf8()).contains("first");
    assertThat(peer.takeRequest().getBody().readUtf8()).contains("second");
  }

  @Test
  void without_these_rules_the_same_post_fails_which_is_how_answers_were_lost() throws IOException {
    OkHttpClient stock = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    answerThenClose();
    peer.enqueue(new MockResponse().setBody("{}"));

    assertThat(post(stock, "{\"text\":\"first\"}")).isEqualTo(200);
    assertThatThrownBy(() -> post(stock, "{\"text\":\"second\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected end of stream");
  }

  @Test
  void a_failure_on_a_fresh_connection_is_not_retried_because_the_peer_may_have_the_request() {
    OkHttpClient client = KeepAlive.apply(new OkHttpClient.Builder()).build();
    peer.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    peer.enqueue(new MockResponse().setBody("{}"));

    assertThatThrownBy(() -> post(client, "{\"text\":\"only\"}")).isInstanceOf(IOException.class);

    assertThat(peer.getRequestCount()).isEqualTo(1);
  }

  @Test
  void an_error_answer_is_returned_as_it_is_and_not_sent_again() throws IOException {
    OkHttpClient client = KeepAlive.apply(new OkHttpClient.Builder()).build();
    peer.enqueue(new MockResponse().setResponseCode(502));

    assertThat(post(client, "{}")).isEqualTo(502);
    assertThat(peer.getRequestCount()).isEqualTo(1);
  }

  @Test
  void an_idle_connection_leaves_the_pool_before_a_node_server_would_close_it() throws IOException {
    OkHttpClient client = KeepAlive.apply(new OkHttpClient.Builder()).build();
    peer.enqueue(new MockResponse().setBody("{}"));
    post(client, "{}");
    assertThat(client.connectionPool().idleConnectionCount()).isEqualTo(1);

    // Node's HTTP server closes idle connections after 5 s.
    await()
        .atMost(Duration.ofMillis(4_500))
        .until(() -> client.connectionPool().idleConnectionCount() == 0);
    assertThat(KeepAlive.POOL_IDLE).isLessThan(Duration.ofSeconds(5));
  }
}
