package dev.followupbot.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The conversation a case came from: the channel, the root message whose thread is the case's
 * record (Slack: its {@code ts}; Teams: its activity id), a link people can open, and the requester
 * who wrote it.
 */
public record CaseSource(
    String channelId, String messageId, Optional<String> permalink, String requesterId) {

  public CaseSource {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(permalink, "permalink");
    Objects.requireNonNull(requesterId, "requesterId");
  }
}
