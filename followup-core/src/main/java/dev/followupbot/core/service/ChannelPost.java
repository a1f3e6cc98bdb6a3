package dev.followupbot.core.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message someone posted in a channel, as its platform delivered it: where it is, the thread root
 * it replies to (none for a top-level message), who wrote it and whether they belong to another
 * organisation (a Slack Connect guest, another tenant) or are a bot, its text, and when it was
 * posted by the platform's clock.
 */
public record ChannelPost(
    String channelId,
    String messageId,
    Optional<String> threadRoot,
    String authorId,
    boolean external,
    boolean fromBot,
    String text,
    Instant postedAt,
    Optional<String> permalink) {

  public ChannelPost {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(threadRoot, "threadRoot");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(postedAt, "postedAt");
    Objects.requireNonNull(permalink, "permalink");
    text = text == null ? "" : text;
  }

  /** A top-level message, or the root of its own thread (Slack repeats the ts as thread_ts). */
  public boolean isTopLevel() {
    return threadRoot.isEmpty() || threadRoot.get().equals(messageId);
  }

  /** The message whose thread this one is in: itself when it is top-level. */
  public String root() {
    return isTopLevel() ? messageId : threadRoot.get();
  }
}
