package dev.followupbot.core.service;

import dev.followupbot.core.message.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a command. Replies are private to the caller (Slack ephemeral) unless they are
 * meant for the channel. {@code deliveries} are outbox entries the command queued; the adapter may
 * deliver them at once (after acknowledging), and the sweep delivers whatever it does not.
 *
 * <p>{@code update} is what a message should now say when the command came from one of its buttons:
 * a reminder marked done shows who did it and when instead of its buttons. Adapters apply it to the
 * clicked message; typed commands ignore it.
 */
public record Reply(
    Message message, Visibility visibility, List<Long> deliveries, Optional<Message> update) {

  /** Who sees the reply. */
  public enum Visibility {
    PRIVATE,
    CHANNEL
  }

  public Reply {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(update, "update");
    deliveries = List.copyOf(deliveries);
  }

  public static Reply privately(Message message) {
    return new Reply(message, Visibility.PRIVATE, List.of(), Optional.empty());
  }

  public static Reply privately(String text) {
    return privately(Message.text(text));
  }

  public Reply withDeliveries(List<Long> ids) {
    return new Reply(message, visibility, ids, update);
  }

  /** The same reply, with what the clicked message should now say. */
  public Reply withUpdate(Message clickedMessageNow) {
    return new Reply(message, visibility, deliveries, Optional.of(clickedMessageNow));
  }
}
