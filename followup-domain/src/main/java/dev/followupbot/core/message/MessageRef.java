package dev.followupbot.core.message;

import java.util.Objects;

/**
 * Where a posted message lives, so it can be updated in place. Opaque to the core: the platform
 * adapter that posted it decides what the two parts mean (Slack: channel and ts; Teams:
 * conversation and activity id).
 */
public record MessageRef(String channel, String messageId) {
  public MessageRef {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(messageId, "messageId");
  }
}
