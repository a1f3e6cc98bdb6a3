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
   * whose reserved slot has come gets {@code now}, unless the platform asked for a pause since. In
   * either case no slot comes sooner than {@code spacing} (less a twentieth) after the last post
   * {@link #sent}, so a post that went out late does not bring the next one too close.
   */
  Instant slot(String conversation, Duration spacing, Instant now, Optional<Instant> reserved);

  /** A post to the conversation went out at {@code at}. */
  void sent(String conversation, Instant at);

  /** The platform asked for a pause: nothing goes to the conversation before {@code until}. */
  void holdUntil(String conversation, Instant until);
}
