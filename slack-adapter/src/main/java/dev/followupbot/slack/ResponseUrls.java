package dev.followupbot.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to a payload's {@code response_url}, but only when it points at Slack: {@code
 * https://hooks.slack.com/…}, or the configured Web API host (a GovSlack or test deployment).
 * Bolt's own responder posts wherever the payload says; a forged URL could otherwise make the bot
 * send a message anywhere. No token is ever attached: the URL itself is the credential.
 */
final class ResponseUrls {

  private static final Logger log = LoggerFactory.getLogger(ResponseUrls.class);
  static final String SLACK_HOOKS = "hooks.slack.com";

  private final Slack slack;
  private final URI apiUrl;

  ResponseUrls(Slack slack, URI apiUrl) {
    this.slack = slack;
    this.apiUrl = apiUrl;
  }

  boolean allowed(String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (uri.getUserInfo() != null) {
      return false;
    }
    if (scheme.equals("https") && host.equals(SLACK_HOOKS) && uri.getPort() == -1) {
      return true;
    }
    return scheme.equals(apiUrl.getScheme().toLowerCase(Locale.ROOT))
        && host.equals(apiUrl.getHost().toLowerCase(Locale.ROOT))
        && port(uri) == port(apiUrl);
  }

  /** Posts the response; returns whether Slack took it. Never throws. */
  boolean post(String url, ActionResponse response) {
    if (!allowed(url)) {
      log.warn("refused to post to a response_url outside Slack: {}", hostOf(url));
      return false;
    }
    try (okhttp3.Response r = slack.getHttpClient().postJsonBody(url, response)) {
      if (r.isSuccessful()) {
        return true;
      }
      log.warn("response_url answered HTTP {}", r.code());
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn("could not post to response_url: {}", e.toString());
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return Objects.equals(uri.getScheme(), "http") ? 80 : 443;
  }

  private static String hostOf(String url) {
    try {
      return String.valueOf(URI.create(url).getHost());
    } catch (RuntimeException e) {
      return "(not a URL)";
    }
  }
}
