package dev.followupbot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.followupbot.core.port.DeliveryFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * One attempt at a Web API call, and what its failure means. Every failure comes back as a {@link
 * DeliveryFailure} that says whether trying later can help:
 *
 * <ul>
 *   <li>HTTP 429: rate limited, retry no sooner than {@code Retry-After};
 *   <li>HTTP 5xx, timeouts, resets and Slack's own transient errors: transient; a {@code
 *       chat.postMessage} cut off after its request went out (a read timeout, a reset) is transient
 *       with an unknown outcome, so the core looks it up before posting it again;
 *   <li>anything else Slack refuses ({@code channel_not_found}, {@code account_inactive}, {@code
 *       token_revoked}, …): permanent, since sending the same thing again gets the same answer.
 * </ul>
 */
final class SlackCalls {

  /** Slack's {@code error} values that mean "try again later". */
  static final Set<String> TRANSIENT_ERRORS =
      Set.of(
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "timeout",
          "team_added_to_org");

  /** The one method that posts: a post that may have gone out is never simply sent again. */
  private static final String POSTS = "chat.postMessage";

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  private SlackCalls() {}

  /** A Web API call that may throw what the Slack client throws. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      throw fromHttp(method, e);
    } catch (InterruptedIOException e) {
      if (POSTS.equals(method) && sent(e)) {
        throw DeliveryFailure.outcomeUnknown(method + " timed out: " + e.getMessage(), e);
      }
      throw DeliveryFailure.transientFailure(method + " timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      if (POSTS.equals(method) && sent(e)) {
        throw DeliveryFailure.outcomeUnknown(method + " failed: " + e, e);
      }
      throw DeliveryFailure.transientFailure(method + " failed: " + e, e);
    } catch (RuntimeException e) {
      throw DeliveryFailure.transientFailure(method + " failed: " + e, e);
    }
    if (response == null) {
      throw DeliveryFailure.transientFailure(method + " returned nothing", null);
    }
    if (!response.isOk()) {
      throw fromError(method, response.getError(), response.getNeeded());
    }
    return response;
  }

  /**
   * Whether a failed call may have reached Slack: anything but a connection that was never made
   * (refused, unknown host, connect timeout, TLS handshake). A post cut off after that may have
   * been posted, so its outcome is unknown and it is looked up before it is sent again.
   */
  static boolean sent(IOException e) {
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException) {
      return false;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return !(e instanceof SocketTimeoutException && message.contains("connect"));
  }

  static DeliveryFailure fromHttp(String method, SlackApiException e) {
    int status = e.getResponse().code();
    String error = e.getError() == null ? null : e.getError().getError();
    if (status == 429) {
      Duration wait = retryAfter(e.getResponse().header("Retry-After"));
      return DeliveryFailure.rateLimited(
          method + " rate limited by Slack (HTTP 429, Retry-After " + wait.toSeconds() + " s)",
          wait);
    }
    if (status >= 500 || status == 408) {
      return DeliveryFailure.transientFailure(
          method + " failed with HTTP " + status + (error == null ? "" : " (" + error + ")"), e);
    }
    if (error != null) {
      return fromError(method, error, null);
    }
    return DeliveryFailure.permanentFailure(method + " was refused with HTTP " + status, e);
  }

  static DeliveryFailure fromError(String method, String error, String needed) {
    String code = error == null ? "unknown_error" : error.toLowerCase(Locale.ROOT);
    if (code.equals("ratelimited") || code.equals("rate_limited")) {
      return DeliveryFailure.rateLimited(
          method + " rate limited by Slack (" + code + ")", DEFAULT_RETRY_AFTER);
    }
    if (TRANSIENT_ERRORS.contains(code)) {
      return DeliveryFailure.transientFailure(method + " failed: " + code, null);
    }
    String detail = needed == null ? "" : " (needs scope " + needed + ")";
    return DeliveryFailure.permanentFailure(
        method + " refused: " + code + detail + explain(code), null);
  }

  private static String explain(String code) {
    switch (code) {
      case "not_in_channel":
      case "channel_not_found":
        return "; invite the bot to the channel with /invite @followup";
      case "token_revoked":
      case "invalid_auth":
      case "account_inactive":
      case "not_authed":
        return "; the bot token no longer works (app uninstalled or token revoked)";
      case "is_archived":
        return "; the channel is archived";
      case "user_not_found":
      case "user_disabled":
        return "; that person is no longer in the workspace";
      default:
        return "";
    }
  }

  static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
