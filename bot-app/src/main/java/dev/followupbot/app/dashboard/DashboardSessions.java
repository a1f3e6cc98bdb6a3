package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.port.SignIns;
import dev.followupbot.core.service.DashboardLinks;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in by a link from chat, and the session cookie it starts: {@code HttpOnly}, {@code
 * SameSite=Lax}, {@code Secure} behind HTTPS, ended after 12 hours without use. Each session has
 * its CSRF token, which every form and htmx request must send back.
 */
final class DashboardSessions {

  static final String COOKIE = "followup_session";
  static final Duration IDLE = Duration.ofHours(12);
  static final String CSRF_FIELD = "csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** How long a used or expired link is remembered, so opening it again says what it was. */
  static final Duration KEEP_ENDED_LINKS = Duration.ofDays(1);

  /** How stale a session's last-seen time may get before a request records it again. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Logger log = LoggerFactory.getLogger(DashboardSessions.class);

  private final FollowupCore core;
  private final DashboardLinks store;
  private final PublicUrl publicUrl;
  private final Clock clock;

  DashboardSessions(FollowupCore core, PublicUrl publicUrl, Clock clock) {
    this.core = core;
    this.store = core.dashboardLinks();
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** Opens the link: a session and a redirect to the queue, or a page saying what went wrong. */
  void signIn(HttpServletRequest request, HttpServletResponse response) {
    String token = request.getParameter("token");
    SignIns.Redemption outcome =
        token != null && TOKEN.matcher(token).matches()
            ? store.redeem(DashboardLinks.hash(token), clock.instant())
            : new SignIns.Redemption.Unknown();
    if (outcome instanceof SignIns.Redemption.Redeemed redeemed) {
      String session = DashboardLinks.token();
      Instant now = clock.instant();
      store.open(DashboardLinks.hash(session), redeemed.user(), DashboardLinks.token(), now);
      // Each sign-in clears out what has ended, so the tables stay as small as their use.
      int forgotten = store.forgetEnded(now.minus(KEEP_ENDED_LINKS), now.minus(IDLE));
      if (forgotten > 0) {
        log.debug("dashboard: forgot {} ended sign-in link(s) and session(s)", forgotten);
      }
      log.info(
          "dashboard: {} signed in",
          redeemed.user().tenant().key() + "/" + redeemed.user().userId());
      response.addHeader("Set-Cookie", cookie(session));
      response.setStatus(303);
      response.setHeader("Location", "/dashboard/");
      return;
    }
    log.info("dashboard: sign-in link refused ({})", outcome.getClass().getSimpleName());
    String why;
    if (outcome instanceof SignIns.Redemption.AlreadyUsed) {
      why = "This sign-in link was used already: each link works once.";
    } else if (outcome instanceof SignIns.Redemption.Expired) {
      why =
          "This sign-in link has expired: links work for "
              + DashboardLinks.VALID_FOR.toMinutes()
              + " minutes.";
    } else {
      why = "This sign-in link is not one followup-bot sent, or it was cut short.";
    }
    throw DashboardProblem.signInAgain(why);
  }

  /** The signed-in person, or 401 with a page that says how to sign in. */
  Viewer viewer(HttpServletRequest request) {
    Optional<String> cookie = cookieValue(request);
    if (cookie.isEmpty()) {
      throw DashboardProblem.signInAgain("You are not signed in.");
    }
    if (!TOKEN.matcher(cookie.get()).matches()) {
      throw DashboardProblem.signInAgain("Your session cookie is not valid.");
    }
    String hash = DashboardLinks.hash(cookie.get());
    SignIns.Session session =
        store
            .session(hash)
            .orElseThrow(
                () -> DashboardProblem.signInAgain("Your session has ended or is not valid."));
    Instant now = clock.instant();
    if (!session.lastSeenAt().plus(IDLE).isAfter(now)) {
      store.close(hash);
      throw DashboardProblem.signInAgain(
          "Your session ended after " + IDLE.toHours() + " hours without use.");
    }
    if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
      store.touch(hash, now);
    }
    return Viewer.of(core, session, hash);
  }

  /** A POST must carry the session's CSRF token (form field or htmx header), else 403. */
  static void checkCsrf(Viewer viewer, HttpServletRequest request, FormBody form) {
    String sent =
        Optional.ofNullable(request.getHeader(CSRF_HEADER))
            .or(() -> form.get(CSRF_FIELD))
            .orElse("");
    if (!MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), viewer.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw new DashboardProblem(
          403,
          "This form has expired",
          "The form was not sent from your dashboard session, so nothing changed. Reload the page"
              + " and try again.");
    }
  }

  void signOut(HttpServletResponse response, Viewer viewer) {
    store.close(viewer.sessionHash());
    clearCookie(response);
  }

  void clearCookie(HttpServletResponse response) {
    response.setHeader(
        "Set-Cookie", COOKIE + "=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Lax" + secure());
  }

  private String cookie(String value) {
    return COOKIE + "=" + value + "; Path=/dashboard; HttpOnly; SameSite=Lax" + secure();
  }

  private String secure() {
    return publicUrl.secure() ? "; Secure" : "";
  }

  private static Optional<String> cookieValue(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        return Optional.ofNullable(c.getValue());
      }
    }
    return Optional.empty();
  }
}
