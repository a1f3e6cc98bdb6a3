package dev.followupbot.teams;

import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.restclient.RestException;
import dev.followupbot.core.port.DeliveryFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a failed Bot Connector call means for delivery. Teams asks bots to retry 429, 412, 502 and
 * 504 with exponential backoff; those (and other 5xx, timeouts and broken connections) are
 * transient, honouring Retry-After when given. A refused conversation (403, 404) or an oversized
 * message (413) will not get better by trying again. A post whose answer never came ({@link
 * #unanswered}) may have arrived: its outcome is unknown.
 */
final class TeamsFailures {

  private TeamsFailures() {}

  static DeliveryFailure classify(Throwable thrown, Clock clock) {
    Throwable e = unwrap(thrown);
    if (e instanceof DeliveryFailure failure) {
      return failure;
    }
    if (e instanceof TeamsBotAdapter.UnlistedServiceUrl) {
      return DeliveryFailure.permanentFailure(e.getMessage(), null);
    }
    if (e instanceof RestException rest && rest.response() != null) {
      int status = rest.response().code();
      Optional<Duration> retryAfter =
          retryAfter(rest.response().headers().get("Retry-After"), clock);
      String reason = "Teams answered HTTP " + status + reasonOf(status);
      if (status == 429 || status == 412 || status == 408 || status >= 500) {
        return retryAfter.isPresent()
            ? DeliveryFailure.rateLimited(reason, retryAfter.get())
            : DeliveryFailure.transientFailure(reason, null);
      }
      if (status == 401) {
        // Our token was refused: a credential problem an operator can fix; keep trying meanwhile.
        return DeliveryFailure.transientFailure(
            reason + " (check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId)",
            null);
      }
      return DeliveryFailure.permanentFailure(reason, null);
    }
    if (e instanceof AuthenticationException) {
      return DeliveryFailure.transientFailure(
          "could not get a token from Entra ID: " + e.getMessage(), null);
    }
    if (e instanceof IOException || e.getCause() instanceof IOException) {
      return DeliveryFailure.transientFailure("network problem: " + e, e);
    }
    return DeliveryFailure.transientFailure(String.valueOf(e), e);
  }

  /**
   * Whether a post that failed with {@code thrown} may still have reached Teams: its request went
   * out (the connection was made) and the answer never came, because the read timed out or the
   * connection broke mid-answer. Not when the connection was never made, a token could not be had,
   * or Teams answered at all.
   */
  static boolean unanswered(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof RestException
          || t instanceof AuthenticationException
          || t instanceof TeamsBotAdapter.UnlistedServiceUrl
          || t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SSLHandshakeException) {
        return false;
      }
      if (t instanceof SocketTimeoutException
          && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
        return false;
      }
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String reasonOf(int status) {
    switch (status) {
      case 403:
        return " (forbidden: the app was removed from the conversation, or the person blocked it)";
      case 404:
        return " (conversation not found)";
      case 412:
        return " (precondition failed; Teams asks to retry)";
      case 413:
        return " (message too large)";
      case 429:
        return " (too many requests)";
      default:
        return "";
    }
  }

  static String describe(Throwable thrown) {
    Throwable e = unwrap(thrown);
    if (e instanceof RestException rest && rest.response() != null) {
      return "HTTP " + rest.response().code() + reasonOf(rest.response().code());
    }
    return e.toString();
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof IOException io
        && io.getCause() instanceof TeamsBotAdapter.UnlistedServiceUrl u) {
      return u;
    }
    if (t.getCause() instanceof IOException io
        && io.getCause() instanceof TeamsBotAdapter.UnlistedServiceUrl u) {
      return u;
    }
    return t;
  }

  /** Retry-After in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    try {
      long seconds = Long.parseLong(h);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
