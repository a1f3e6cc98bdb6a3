package dev.followupbot.core.service;

import java.util.Objects;

/**
 * Someone added or removed an emoji reaction on a message: the message, the reaction's name without
 * colons ({@code eyes}), who reacted and whether they belong to another organisation.
 */
public record ChannelReaction(
    String channelId,
    String messageId,
    String reactorId,
    boolean external,
    String name,
    boolean added) {

  public ChannelReaction {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(reactorId, "reactorId");
    Objects.requireNonNull(name, "name");
  }
}
