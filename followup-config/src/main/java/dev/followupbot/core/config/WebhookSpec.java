package dev.followupbot.core.config;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.event.EventTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code webhooks:} in {@code followup.yaml}: where to POST events, which ones, and
 * the name of the environment variable that holds the signing secret (the secret itself never goes
 * in the file).
 *
 * @param url an {@code http://} or {@code https://} URL
 * @param secretEnv the environment variable holding the HMAC signing secret
 * @param tenant only this workspace's events (e.g. {@code slack:T0123}); all when absent
 * @param events names or patterns ({@code case.*}, {@code sla.breached}, {@code *}); all when
 *     absent
 * @param giveUpAfter how long an event that keeps failing is retried
 */
public record WebhookSpec(
    String url, String secretEnv, String tenant, List<String> events, Duration giveUpAfter) {

  public WebhookSpec {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "each webhook needs a 'url', e.g. url: https://hooks.example.com/followup");
    }
    url = url.strip();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + redacted(url) + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'"
              + redacted(url)
              + "' is not an http:// or https:// URL; webhooks only POST over HTTP(S)");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "'"
              + redacted(url)
              + "' carries a user name or password; keep secrets out of the file"
              + " (the signature proves who sent the event)");
    }
    if (secretEnv == null || !secretEnv.strip().matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
      throw new IllegalArgumentException(
          "webhook "
              + redacted(url)
              + " needs 'secret_env': the name of the environment variable that holds its signing"
              + " secret, e.g. secret_env: FOLLOWUP_WEBHOOK_SECRET");
    }
    secretEnv = secretEnv.strip();
    if (tenant != null) {
      tenant = tenant.strip();
      try {
        TenantId.fromKey(tenant);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'"
                + tenant
                + "' is not a workspace; write it like slack:T0123, teams:<tenant-id> or"
                + " console:local");
      }
    }
    events = events == null || events.isEmpty() ? List.of("*") : List.copyOf(events);
    for (String e : events) {
      if (e == null || !EventTypes.isValidFilter(e.strip())) {
        throw new IllegalArgumentException(
            "'"
                + e
                + "' is not an event; use *, case.*, sla.*, csat.* or one of: "
                + String.join(", ", EventTypes.all()));
      }
    }
    events = events.stream().map(String::strip).toList();
    giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
    if (giveUpAfter.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("give_up_after must be at least 1m");
    }
  }

  /** The URL as logs show it: without a query string, which may carry a receiver's own token. */
  public String safeUrl() {
    return redacted(url);
  }

  public Optional<TenantId> tenantFilter() {
    return Optional.ofNullable(tenant).map(TenantId::fromKey);
  }

  /** {@code url} without its query string or a user name and password. */
  public static String redacted(String url) {
    String noUser = url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@", "$1…@");
    int q = noUser.indexOf('?');
    return q < 0 ? noUser : noUser.substring(0, q) + "?…";
  }
}
