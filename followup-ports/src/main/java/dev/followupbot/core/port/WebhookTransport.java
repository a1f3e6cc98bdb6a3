package dev.followupbot.core.port;

import java.util.Map;
import java.util.Objects;

/**
 * Sends one HTTP POST to a webhook receiver: exactly one attempt per call, no redirects followed.
 * Retries, backoff, ordering and bookkeeping belong to the core. Implemented outside the core, so
 * the core carries no HTTP client.
 */
@FunctionalInterface
public interface WebhookTransport {

  /**
   * Posts {@code body} (JSON) with {@code headers} and returns the receiver's HTTP status. Throws
   * {@link Unreachable} when no status came back (refused connection, timeout, TLS failure).
   */
  int post(String url, Map<String, String> headers, byte[] body);

  /** No answer from the receiver. Always worth retrying. */
  final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unreachable(String reason, Throwable cause) {
      super(Objects.requireNonNull(reason, "reason"), cause);
    }
  }

  /** For wiring without webhooks: any attempt fails, so nothing is lost, only retried. */
  static WebhookTransport none() {
    return (url, headers, body) -> {
      throw new Unreachable("no webhook transport in this process", null);
    };
  }
}
