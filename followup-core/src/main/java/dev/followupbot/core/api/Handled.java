package dev.followupbot.core.api;

import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.IntakeOutcome;
import dev.followupbot.core.service.Reply;

/** What {@link InboundTurns} made of a turn. */
public sealed interface Handled {

  /** The turn came from a tenant this bot does not serve; nothing was stored. */
  record NotServed(Message refusal) implements Handled {}

  /** The platform delivered this event before; it had its effect then. */
  record Repeat() implements Handled {}

  /** A message or reaction went through the conversation rules; what it did to the cases. */
  record Heard(IntakeOutcome outcome) implements Handled {}

  /** The command ran; {@code reply} is its answer, and what it queued is being delivered. */
  record Routed(Reply reply) implements Handled {}
}
