package dev.followupbot.core.webhook;

import dev.followupbot.core.config.WebhookSpec;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.event.EventTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured webhook with its signing secret: which events it wants and from which workspace. Not
 * a record, so the secret never shows up in a {@code toString()} or a log line.
 */
public final class WebhookTarget {

  private final String id;
  private final String url;
  private final byte[] secret;
  private final Optional<TenantId> tenant;
  private final List<String> events;
  private final Duration giveUpAfter;

  public WebhookTarget(WebhookSpec spec, String secret) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(secret, "secret");
    this.url = spec.url();
    this.id = idOf(spec.url());
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tenant = spec.tenantFilter();
    this.events = spec.events();
    this.giveUpAfter = spec.giveUpAfter();
  }

  /** A short, stable id for the URL, so the delivery log survives reordering the file. */
  static String idOf(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return "wh_" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public String id() {
    return id;
  }

  public String url() {
    return url;
  }

  /** The URL as logs show it, without a query string that may carry the receiver's token. */
  public String safeUrl() {
    return WebhookSpec.redacted(url);
  }

  public Duration giveUpAfter() {
    return giveUpAfter;
  }

  /** Whether this webhook wants an event of this type from this workspace. */
  public boolean wants(TenantId from, String type) {
    if (tenant.isPresent() && !tenant.get().equals(from)) {
      return false;
    }
    return events.stream().anyMatch(filter -> EventTypes.matches(filter, type));
  }

  /** The {@code X-Followup-Signature} value for this body, signed at {@code unixSeconds}. */
  public String sign(long unixSeconds, byte[] body) {
    return WebhookSignature.header(secret, unixSeconds, body);
  }

  @Override
  public String toString() {
    return "webhook " + id + " (" + safeUrl() + ")";
  }
}
