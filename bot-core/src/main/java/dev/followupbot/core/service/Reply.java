package dev.followupbot.core.service;

import dev.followupbot.core.message.Message;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a command. Replies are private to the caller (Slack ephemeral) unless they are
 * meant for the channel. {@code deliveries} are outbox entries the command queued; the adapter may
 * deliver them at once (after acknowledging), and the sweep delivers whatever it does not.
 */
public record Reply(Message message, Visibility visibility, List<Long> deliveries) {

  /** Who sees the reply. */
  public enum Visibility {
    PRIVATE,
    CHANNEL
  }

  public Reply {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(visibility, "visibility");
    deliveries = List.copyOf(deliveries);
  }

  public static Reply privately(Message message) {
    return new Reply(message, Visibility.PRIVATE, List.of());
  }

  public static Reply privately(String text) {
    return privately(Message.text(text));
  }

  public Reply withDeliveries(List<Long> ids) {
    return new Reply(message, visibility, ids);
  }
}
