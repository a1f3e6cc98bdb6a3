package dev.followupbot.core.port;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers neutral messages on one platform. Implementations render the message in the platform's
 * own format and make exactly one attempt per call: retries, pacing after a rate limit and
 * duplicate protection belong to the caller, which records every attempt first.
 *
 * <p>Failures are reported as {@link DeliveryFailure}, saying whether trying again later can help.
 */
public interface Messenger {

  /** The platform this messenger speaks to; the core picks a messenger by the tenant's platform. */
  Platform platform();

  /** Posts a message and returns where it landed, so it can be updated later. */
  MessageRef post(Destination to, Message message);

  /**
   * Posts a message carrying {@code deliveryKey}, an idempotency marker naming the logical message
   * (the outbox entry's dedupe key), where the platform can attach one, so {@link #findDelivered}
   * can find it later. Platforms without such a place post the message as {@link #post} does.
   */
  default MessageRef post(Destination to, Message message, String deliveryKey) {
    return post(to, message);
  }

  /**
   * Looks on the platform for a message posted with {@code deliveryKey} to {@code to} at or after
   * {@code since}: the core asks when a send's outcome is unknown (its sender died mid-call), to
   * re-send only what did not arrive. Platforms that cannot look answer {@link
   * PriorDelivery.CannotTell}; the core then re-sends once, marked as a possible repeat, and counts
   * it. Throws {@link DeliveryFailure} when the lookup itself fails.
   */
  default PriorDelivery findDelivered(Destination to, String deliveryKey, Instant since) {
    return PriorDelivery.CANNOT_TELL;
  }

  /** Replaces a message posted earlier (a case card that changed, a reminder that was handled). */
  void update(TenantId tenant, MessageRef which, Message replacement);

  /**
   * The least time between two posts to one conversation that the platform tolerates (Slack allows
   * about one message per second per channel). The core keeps to it on every node. Zero means no
   * pacing.
   */
  default Duration pacing() {
    return Duration.ZERO;
  }

  /**
   * Whether a direct message to this person can be delivered at all right now. Teams, for example,
   * can only reach people who have the app installed. The core warns whoever sets a reminder for
   * someone it cannot reach.
   */
  default boolean canReach(UserRef user) {
    return true;
  }

  /**
   * The one person who reads this conversation, when it is a direct chat between them and the bot
   * (a Teams personal chat): what the bot posts there can be written in that person's time zone.
   * Empty for channels, group chats, and where the platform cannot tell.
   */
  default java.util.Optional<String> soleReader(TenantId tenant, String channelId) {
    return java.util.Optional.empty();
  }
}
