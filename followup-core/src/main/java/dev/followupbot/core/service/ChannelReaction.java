package dev.followupbot.core.service;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Someone added or removed an emoji reaction on a message: the message, the reaction's name without
 * colons ({@code eyes}), who reacted and whether they belong to another organisation. Whether they
 * do is asked only when it matters ({@code elsewhere}): a platform may have to look the person up,
 * and most reactions act on nothing.
 */
public record ChannelReaction(
    String channelId,
    String messageId,
    String reactorId,
    BooleanSupplier elsewhere,
    String name,
    boolean added) {

  public ChannelReaction {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(reactorId, "reactorId");
    Objects.requireNonNull(elsewhere, "elsewhere");
    Objects.requireNonNull(name, "name");
  }

  /** A reaction whose reactor is known to be, or not to be, of another organisation. */
  public ChannelReaction(
      String channelId,
      String messageId,
      String reactorId,
      boolean external,
      String name,
      boolean added) {
    this(channelId, messageId, reactorId, () -> external, name, added);
  }

  /** Whether the reactor belongs to another organisation (a Slack Connect guest's workspace). */
  public boolean external() {
    return elsewhere.getAsBoolean();
  }
}
