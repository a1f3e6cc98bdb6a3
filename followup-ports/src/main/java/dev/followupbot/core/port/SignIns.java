package dev.followupbot.core.port;

import dev.followupbot.core.domain.UserRef;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores the dashboard's one-time sign-in links and the sessions they open, by the SHA-256 hash of
 * their tokens (never the tokens). A link is redeemed at most once, even by two requests at the
 * same moment on two nodes.
 */
public interface SignIns {

  /** Records a link for {@code user}, valid until {@code expiresAt}. */
  void issue(String tokenHash, UserRef user, Instant issuedAt, Instant expiresAt);

  /** Marks the link used if it is unused and unexpired at {@code now}, and says what it was. */
  Redemption redeem(String tokenHash, Instant now);

  /** Opens a session for {@code user} with its CSRF token. */
  void open(String sessionHash, UserRef user, String csrfToken, Instant now);

  Optional<Session> session(String sessionHash);

  /** Records that the session was used at {@code now} (it stays alive 12 h from then). */
  void touch(String sessionHash, Instant now);

  /** Ends the session (sign-out). */
  void close(String sessionHash);

  /** Forgets links and sessions that ended before {@code before}. Returns how many. */
  int forgetEnded(Instant linksBefore, Instant sessionsBefore);

  /** A signed-in person: whose session, its CSRF token, and when it was last used. */
  record Session(UserRef user, String csrfToken, Instant lastSeenAt) {}

  /** What became of a link that was opened. */
  sealed interface Redemption {
    /** The link was good: it is used now, for this person. */
    record Redeemed(UserRef user) implements Redemption {}

    /** The link was opened before. */
    record AlreadyUsed() implements Redemption {}

    /** The link's ten minutes are over. */
    record Expired() implements Redemption {}

    /** No such link was ever sent (mistyped, cut off, or forged). */
    record Unknown() implements Redemption {}
  }
}
