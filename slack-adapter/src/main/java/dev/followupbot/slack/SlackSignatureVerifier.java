package dev.followupbot.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a request comes from Slack, the way Slack documents it: {@code X-Slack-Signature} is
 * {@code v0=} plus the hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<raw body>} under
 * the signing secret, over the body's exact bytes.
 *
 * <p>Stricter than Bolt's own check, which stays on behind this one: the timestamp must be within
 * five minutes of now in <em>both</em> directions (Bolt lets future timestamps through), the
 * signatures are compared in constant time (Bolt uses {@code String.equals}), and an empty secret
 * is refused outright (Bolt silently signs with a placeholder).
 */
public final class SlackSignatureVerifier {

  /** How far a request's timestamp may be from now, either way. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private static final String VERSION = "v0";

  private final SecretKeySpec key;
  private final Clock clock;

  public SlackSignatureVerifier(String signingSecret, Clock clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("the Slack signing secret must not be empty");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The outcome of one check; a rejection says why, for the log (never for the caller). */
  public sealed interface Verdict {
    boolean accepted();

    /** The request is Slack's and fresh. */
    record Accepted() implements Verdict {
      @Override
      public boolean accepted() {
        return true;
      }
    }

    /** The request must be refused with 401. */
    record Rejected(String reason) implements Verdict {
      @Override
      public boolean accepted() {
        return false;
      }
    }
  }

  public Verdict verify(String timestampHeader, String signatureHeader, byte[] body) {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      return new Verdict.Rejected("no X-Slack-Request-Timestamp header");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return new Verdict.Rejected("no X-Slack-Signature header");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return new Verdict.Rejected("X-Slack-Request-Timestamp is not a number");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > WINDOW.toSeconds()) {
      return new Verdict.Rejected(
          "timestamp "
              + timestamp
              + " is "
              + Math.abs(now - timestamp)
              + " s "
              + (timestamp < now ? "old" : "in the future")
              + "; the window is "
              + WINDOW.toSeconds()
              + " s either way");
    }
    byte[] expected = sign(timestampHeader.strip(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return new Verdict.Rejected("signature does not match");
    }
    return new Verdict.Accepted();
  }

  /** The signature Slack would send for this timestamp and body: {@code v0=<64 hex digits>}. */
  public String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
