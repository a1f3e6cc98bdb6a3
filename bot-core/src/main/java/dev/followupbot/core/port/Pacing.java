package dev.followupbot.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Spaces out posts to one conversation, shared by every node: a platform's per-conversation rate
 * limit, and any "retry after" it asked for, hold for the whole cluster rather than per process.
 * Slots are handed out like tickets, so a backlog of posts to one conversation drains at the
 * permitted rate without the senders racing each other.
 */
public interface Pacing {

  /**
   * When a post to the conversation may go out. A sender without a slot ({@code reserved} empty)
   * gets the next free one: {@code now} if the conversation is free, later if others went first or
   * the platform asked for a pause; the slot is then kept for it for {@code spacing}. A sender
   * whose reserved slot has come gets {@code now}, unless the platform asked for a pause since.
   */
  Instant slot(String conversation, Duration spacing, Instant now, Optional<Instant> reserved);

  /** The platform asked for a pause: nothing goes to the conversation before {@code until}. */
  void holdUntil(String conversation, Instant until);
}
