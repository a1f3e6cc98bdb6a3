package dev.followupbot.core.service;

import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.SignIns;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code dashboard}: a one-time link that signs the person in to the web dashboard, valid for ten
 * minutes, for them in their workspace. The link carries a random token; only its hash is stored.
 */
public final class DashboardLinks {

  public static final Duration VALID_FOR = Duration.ofMinutes(10);
  public static final String SIGN_IN_PATH = "/dashboard/sign-in";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SignIns signIns;
  private final Supplier<Optional<URI>> base;
  private final Clock clock;

  /** {@code base} is where people reach this server ({@code FOLLOWUP_PUBLIC_URL}). */
  public DashboardLinks(SignIns signIns, Supplier<Optional<URI>> base, Clock clock) {
    this.signIns = signIns;
    this.base = base;
    this.clock = clock;
  }

  /** The answer to {@code dashboard}: a fresh link, shown only to the caller. */
  public Reply answer(Caller caller) {
    if (base.get().isEmpty()) {
      return Reply.privately(
          "The dashboard isn't served here. Run `followup-bot serve` with FOLLOWUP_PUBLIC_URL"
              + " set to the address people open (README: Dashboard).");
    }
    URI link = issue(caller.ref());
    return Reply.privately(
        "Here is your dashboard link: "
            + link
            + "\nIt signs you in once, as "
            + caller.displayName()
            + ", within the next "
            + VALID_FOR.toMinutes()
            + " minutes. Don't share it; type `dashboard` again for a new one.");
  }

  /** Stores a new link for {@code user} and returns it. */
  public URI issue(UserRef user) {
    String token = token();
    Instant now = clock.instant();
    signIns.issue(hash(token), user, now, now.plus(VALID_FOR));
    String root = base.get().orElseThrow().toString().replaceAll("/+$", "");
    return URI.create(root + SIGN_IN_PATH + "?token=" + token);
  }

  /** 32 random bytes, URL-safe: for links, session cookies and CSRF tokens. */
  public static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of a token, as stored. */
  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Marks the link used if it is unused and unexpired at {@code now}, and says what it was. */
  public SignIns.Redemption redeem(String tokenHash, Instant now) {
    return signIns.redeem(tokenHash, now);
  }

  /** Opens a session for {@code user} with its CSRF token. */
  public void open(String sessionHash, UserRef user, String csrfToken, Instant now) {
    signIns.open(sessionHash, user, csrfToken, now);
  }

  public Optional<SignIns.Session> session(String sessionHash) {
    return signIns.session(sessionHash);
  }

  /** Records that the session was used at {@code now}. */
  public void touch(String sessionHash, Instant now) {
    signIns.touch(sessionHash, now);
  }

  /** Ends the session (sign-out). */
  public void close(String sessionHash) {
    signIns.close(sessionHash);
  }

  /** Forgets links and sessions that ended before the instants. Returns how many. */
  public int forgetEnded(Instant linksBefore, Instant sessionsBefore) {
    return signIns.forgetEnded(linksBefore, sessionsBefore);
  }
}
