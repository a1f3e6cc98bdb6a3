package dev.followupbot.core.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The platform's name for one delivery of an event ({@code slack}, the team, the {@code event_id};
 * {@code teams}, the conversation, the activity id): a redelivery carries the same key. Stored as
 * {@code platform:scope:id}, or as a digest when that would be too long to index.
 */
public record EventKey(String platform, String scope, String id) {

  static final int LONGEST = 300;

  public EventKey {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
  }

  /** A key with no scope, stored as {@code platform:id}. */
  public static EventKey unscoped(String platform, String id) {
    return new EventKey(platform, "", id);
  }

  /** The key as the seen-events store keeps it. */
  public String stored() {
    String key = platform + ":" + (scope.isEmpty() ? "" : scope + ":") + id;
    return key.length() <= LONGEST ? key : platform + ":sha256:" + sha256(key);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
