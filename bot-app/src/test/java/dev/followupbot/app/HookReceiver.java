package dev.followupbot.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A webhook receiver on loopback for the fault tests: it logs every POST with its event id and
 * arrival time, answers 204, and can hold the first POST unanswered until {@link #release} (so the
 * sender can be killed mid-call with the event received but unacknowledged).
 */
final class HookReceiver implements AutoCloseable {

  /** One POST received; {@code answered} when it was answered 2xx (a held one never is). */
  record Received(String eventId, long arrivedMillis, boolean answered) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final AtomicBoolean holdFirst = new AtomicBoolean();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  HookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("X-Followup-Event-Id");
          long now = System.currentTimeMillis();
          if (holdFirst.compareAndSet(true, false)) {
            record(new Received(id, now, false));
            held.countDown();
            try {
              released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
          }
          record(new Received(id, now, true));
          exchange.sendResponseHeaders(204, -1);
          try (OutputStream ignored = exchange.getResponseBody()) {
            // no body
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void holdFirst() {
    holdFirst.set(true);
  }

  boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }

  private synchronized void record(Received r) {
    received.add(r);
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
