package dev.followupbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The Bot Connector, faked: accepts posts ({@code 201 {"id": "activity-N"}}) and updates, records
 * every request, and answers with queued responses first (a 429, a 502) when a test asks.
 */
final class FakeConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the connector saw it. */
  record Call(String method, String path, String authorization, JsonNode body) {
    String text() {
      return body == null ? "" : body.toString();
    }

    boolean isPost() {
      return method.equals("POST");
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Queue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final String url;

  FakeConnector() {
    this("127.0.0.1");
  }

  FakeConnector(String bindAddress) {
    try {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              JsonNode body = null;
              try {
                String raw = request.getBody().readUtf8();
                body = raw.isEmpty() ? null : JSON.readTree(raw);
              } catch (IOException e) {
                body = null;
              }
              calls.add(
                  new Call(
                      request.getMethod(),
                      request.getPath(),
                      request.getHeader("Authorization"),
                      body));
              MockResponse next = scripted.poll();
              if (next != null) {
                return next;
              }
              String id =
                  request.getMethod().equals("PUT")
                      ? request.getPath().substring(request.getPath().lastIndexOf('/') + 1)
                      : "activity-" + ids.incrementAndGet();
              return new MockResponse()
                  .setResponseCode(request.getMethod().equals("PUT") ? 200 : 201)
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"id\":\"" + id + "\"}");
            }
          });
      InetAddress address = InetAddress.getByName(bindAddress);
      server.start(address, 0);
      url = "http://" + bindAddress + ":" + server.getPort() + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service URL activities name, with its trailing slash. */
  String url() {
    return url;
  }

  /** Answers the next request with this instead of success. */
  void answerNext(MockResponse response) {
    scripted.add(response);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> posts() {
    return calls.stream().filter(Call::isPost).collect(Collectors.toList());
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** Everything the bot posted or updated, as one string, for contains-assertions. */
  String everything() {
    return calls.stream().map(Call::text).collect(Collectors.joining("\n"));
  }

  void clear() {
    calls.clear();
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
