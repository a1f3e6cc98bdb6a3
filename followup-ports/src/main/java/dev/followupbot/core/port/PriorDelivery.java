package dev.followupbot.core.port;

import dev.followupbot.core.message.MessageRef;
import java.util.Objects;

/**
 * What a platform can say about a send whose outcome is unknown (its sender died mid-call): the
 * message is there, it is not, or the platform cannot tell. See {@link Messenger#findDelivered}.
 */
public sealed interface PriorDelivery {

  /** The platform has the message: it was delivered, and must not be sent again. */
  record Found(MessageRef ref) implements PriorDelivery {
    public Found {
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** The platform looked and the message is not there: sending it now sends it once. */
  record Absent() implements PriorDelivery {}

  /** The platform offers no way to look: a re-send may be a repeat. */
  record CannotTell() implements PriorDelivery {}

  PriorDelivery ABSENT = new Absent();
  PriorDelivery CANNOT_TELL = new CannotTell();
}
