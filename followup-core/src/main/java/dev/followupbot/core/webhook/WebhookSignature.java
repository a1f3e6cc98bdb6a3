package dev.followupbot.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook events are signed: HMAC-SHA256 with the webhook's secret over {@code
 * <timestamp>.<body>}, sent as {@code X-Followup-Signature: t=<timestamp>,v1=<hex>}. A receiver
 * recomputes it over the exact bytes it received, compares in constant time, and refuses timestamps
 * too far from its own clock (replays).
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Followup-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} signed at {@code unixSeconds}. */
  public static String header(byte[] secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hex(secret, unixSeconds, body);
  }

  /** The hex HMAC of {@code <unixSeconds>.<body>}. */
  public static String hex(byte[] secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
