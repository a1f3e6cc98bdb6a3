package dev.followupbot.core.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection rules every outbound HTTP client of followup-bot follows (Bot Connector, Slack Web
 * API, webhooks). Peers close idle keep-alive connections: Node's HTTP server after 5 s, reverse
 * proxies and load balancers after a minute or a few. A request written on a connection the peer
 * has already closed fails with "unexpected end of stream" or a reset, and OkHttp only checks a
 * pooled connection's health once it has been idle for 10 s. So:
 *
 * <ul>
 *   <li>idle connections are pooled for {@link #POOL_IDLE} only, less than common peers keep them;
 *   <li>a request that fails on a <em>reused</em> connection before any response arrived (end of
 *       stream, reset, broken pipe) is sent again at once, on a fresh connection: the peer had
 *       closed that connection, so it never took the request in;
 *   <li>nothing else is retried here (OkHttp's own retry on connection failure is off): a failure
 *       on a fresh connection, a timeout, or an error answer may mean the peer got the request, and
 *       the caller decides (the core's outbox retries with backoff and no double sends).
 * </ul>
 */
public final class KeepAlive {

  private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

  /** How long an idle connection stays pooled: under Node's 5 s, the shortest common keep-alive. */
  public static final Duration POOL_IDLE = Duration.ofSeconds(3);

  /** How many times a request is sent again after landing on connections the peer had closed. */
  static final int FRESH_TRIES = 2;

  private static final int MAX_IDLE_CONNECTIONS = 5;

  private KeepAlive() {}

  /** The builder, with the pool and the retry on a fresh connection described above. */
  public static OkHttpClient.Builder apply(OkHttpClient.Builder builder) {
    ConnectionPool pool =
        new ConnectionPool(MAX_IDLE_CONNECTIONS, POOL_IDLE.toMillis(), TimeUnit.MILLISECONDS);
    return builder
        .connectionPool(pool)
        .retryOnConnectionFailure(false)
        .addInterceptor(new FreshConnectionRetry(pool))
        .addNetworkInterceptor(new ReusedConnections());
  }

  /** A request failed on a reused connection before any response: the peer had closed it. */
  static final class ClosedByPeer extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedByPeer(IOException cause) {
      super("the pooled connection had been closed by the peer: " + cause.getMessage(), cause);
    }

    IOException original() {
      return (IOException) getCause();
    }
  }

  /** Sends a request again on a fresh connection after {@link ClosedByPeer}. */
  static final class FreshConnectionRetry implements Interceptor {
    private final ConnectionPool pool;

    FreshConnectionRetry(ConnectionPool pool) {
      this.pool = pool;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      boolean repeatable = request.body() == null || !request.body().isOneShot();
      for (int tries = 0; ; tries++) {
        try {
          return chain.proceed(request);
        } catch (ClosedByPeer closed) {
          if (!repeatable || tries >= FRESH_TRIES) {
            throw closed.original();
          }
          // Idle connections to this peer are as old as the dead one: drop them all.
          pool.evictAll();
          log.debug(
              "{} {}: the pooled connection had been closed by the peer ({}); sending again on a"
                  + " fresh connection",
              request.method(),
              request.url().host(),
              closed.original().toString());
        }
      }
    }
  }

  /** Tells a request on a connection that carried one before from one on a new connection. */
  static final class ReusedConnections implements Interceptor {
    private final Set<Connection> used = Collections.synchronizedSet(newWeakSet());

    @Override
    public Response intercept(Chain chain) throws IOException {
      Connection connection = chain.connection();
      boolean reused = connection != null && !used.add(connection);
      try {
        return chain.proceed(chain.request());
      } catch (IOException e) {
        if (reused && closedByPeer(e)) {
          throw new ClosedByPeer(e);
        }
        throw e;
      }
    }

    private static Set<Connection> newWeakSet() {
      return Collections.newSetFromMap(new WeakHashMap<>());
    }
  }

  /**
   * End of stream, reset or broken pipe, not a timeout: what a connection closed by the peer gives.
   */
  static boolean closedByPeer(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return false;
      }
      if (t instanceof EOFException || t instanceof SocketException) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().startsWith("unexpected end of stream")) {
        return true;
      }
    }
    return false;
  }
}
