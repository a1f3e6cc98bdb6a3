package dev.followupbot.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.app.RawHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public server when every servlet slot is taken by requests that do not finish (a slow
 * platform, a stuck database): {@code /healthz} still answers at once, a request beyond the slots
 * waits without a thread and gets a JSON 503 after {@link JettyServer#QUEUE_PATIENCE}, and the
 * requests that were in the slots finish normally once they can.
 */
class JettyServerTest {

  private static final int SLOTS = 150;
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger inside = new AtomicInteger();
  private final List<Socket> sockets = new ArrayList<>();
  private JettyServer server;

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Answers once {@link #release} opens; counts who is inside meanwhile. */
  private final class Stuck extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      inside.incrementAndGet();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.setContentType("application/json");
      response.getOutputStream().write("{\"done\":true}".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Stands in for the health servlet: the server's rule for the path is what is tested. */
  private static final class Ok extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response.getOutputStream().write("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private Socket send(String path) throws IOException {
    Socket s = RawHttp.open(server.port(), PATIENCE);
    sockets.add(s);
    s.getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void with_every_slot_taken_health_answers_at_once_and_the_next_request_gets_a_json_503()
      throws Exception {
    server = new JettyServer(0).mount("/slow", new Stuck()).mount("/healthz", new Ok());
    server.start();
    List<Socket> stuck = new ArrayList<>();
    for (int i = 0; i < SLOTS; i++) {
      stuck.add(send("/slow"));
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (inside.get() < SLOTS) {
      assertThat(System.nanoTime()).as("every slot taken").isLessThan(deadline);
      Thread.sleep(20); // polling for the requests to arrive, with a deadline
    }
    Socket beyond = send("/slow");

    long asked = System.nanoTime();
    RawHttp.Answer health =
        RawHttp.exchange(
            server.port(),
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            PATIENCE);
    assertThat(health.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));

    long queued = System.nanoTime();
    RawHttp.Answer busy = RawHttp.read(beyond.getInputStream());
    Duration waited = Duration.ofNanos(System.nanoTime() - queued);
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.header("Content-Type")).startsWith("application/json");
    assertThat(busy.body()).startsWith("{\"error\":").doesNotContain("Jetty");
    assertThat(waited).as("it waited for a slot first").isGreaterThan(Duration.ofSeconds(5));
    assertThat(inside.get()).as("it never reached the servlet").isEqualTo(SLOTS);

    release.countDown();
    for (Socket s : stuck) {
      assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
    }
  }
}
