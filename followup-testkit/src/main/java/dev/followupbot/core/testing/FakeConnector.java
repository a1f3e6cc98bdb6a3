package dev.followupbot.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The Bot Connector, faked: accepts posts ({@code 201 {"id": "activity-N"}}) and updates, records
 * every request, and answers with queued responses first (a 429, a 502) when a test asks. It can
 * also close idle connections after a while, as the real connector and proxies do.
 */
public final class FakeConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the connector saw it. */
  public record Call(String method, String path, String authorization, JsonNode body) {
    public String text() {
      return body == null ? "" : body.toString();
    }

    public boolean isPost() {
      return method.equals("POST");
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Queue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger idleClosures = new AtomicInteger();
  private final String url;

  public FakeConnector() {
    this("127.0.0.1");
  }

  public FakeConnector(String bindAddress) {
    this(bindAddress, Optional.empty());
  }

  /**
   * A connector that closes a connection once it has been idle for {@code idle}, as Node's HTTP
   * server does after its 5 s keep-alive timeout, and as proxies and load balancers do.
   */
  public static FakeConnector closingIdleConnectionsAfter(Duration idle) {
    return new FakeConnector("127.0.0.1", Optional.of(idle));
  }

  private FakeConnector(String bindAddress, Optional<Duration> idleTimeout) {
    idleTimeout.ifPresent(
        idle -> server.setServerSocketFactory(new IdleClosingSockets(idle, idleClosures)));
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
  public String url() {
    return url;
  }

  /** Answers the next request with this instead of success. */
  public void answerNext(MockResponse response) {
    scripted.add(response);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> posts() {
    return calls.stream().filter(Call::isPost).collect(Collectors.toList());
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  /** Everything the bot posted or updated, as one string, for contains-assertions. */
  public String everything() {
    return calls.stream().map(Call::text).collect(Collectors.joining("\n"));
  }

  /** How many connections this connector closed because they were idle. */
  public int idleClosures() {
    return idleClosures.get();
  }

  public void clear() {
    calls.clear();
  }

  /**
   * Server sockets whose connections give up reading after {@code idle} without a byte, which makes
   * MockWebServer close them; each such close is counted.
   */
  private static final class IdleClosingSockets extends ServerSocketFactory {
    private final Duration idle;
    private final AtomicInteger closures;

    IdleClosingSockets(Duration idle, AtomicInteger closures) {
      this.idle = idle;
      this.closures = closures;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket =
              new Socket() {
                @Override
                public InputStream getInputStream() throws IOException {
                  Socket self = this;
                  return new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                      try {
                        return super.read(b, off, len);
                      } catch (SocketTimeoutException idleTooLong) {
                        // MockWebServer would only stop reading; a real server closes.
                        if (!self.isClosed()) {
                          self.close();
                          closures.incrementAndGet();
                        }
                        throw idleTooLong;
                      }
                    }
                  };
                }
              };
          implAccept(socket);
          socket.setSoTimeout((int) idle.toMillis());
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException();
    }
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
