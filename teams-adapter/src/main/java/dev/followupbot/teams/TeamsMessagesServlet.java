package dev.followupbot.teams;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.Channels;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.RoleTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: where the Bot Connector delivers Teams activities. The request is
 * checked here first (a body that is an activity, a Bot Framework channel token, an allow-listed
 * service URL), then handed to Bot Builder's {@code processIncomingActivity}, which validates the
 * token completely (signature against Bot Framework's published keys, issuer, audience = our app
 * id, expiry, endorsement of the channel, and the token's {@code serviceurl} against the
 * activity's) before the bot sees the activity.
 *
 * <p>Stricter than Bot Builder on time: a token must carry {@code exp} (Bot Builder accepts one
 * without), and its {@code exp} and {@code nbf} are checked against {@code wallClock} with the five
 * minutes of clock skew Microsoft documents, no more.
 *
 * <p>Answers: 202 when handled, an invoke's own status and JSON body, 400 for a malformed body, 401
 * without credentials, 403 for a token that fails validation or a service URL off the list, 413 for
 * an oversized body, and a JSON 500 with a reference (never a stack trace) otherwise. Tokens from
 * the Bot Framework Emulator or from other bots (skills) are refused: Teams never sends them, and
 * accepting them would widen who can call the bot.
 */
public final class TeamsMessagesServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(TeamsMessagesServlet.class);
  static final int MAX_BODY = 512 * 1024;

  /** The clock skew Microsoft's "Authentication with the Bot Connector API" allows. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final transient TeamsBotAdapter adapter;
  private final transient Bot bot;
  private final transient TeamsSettings settings;
  private final transient Clock wallClock;

  TeamsMessagesServlet(TeamsBotAdapter adapter, Bot bot, TeamsSettings settings, Clock wallClock) {
    this.adapter = adapter;
    this.bot = bot;
    this.settings = settings;
    this.wallClock = wallClock;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      handle(request, response);
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a mismatched SDK dependency (e.g. OkHttp) fails at the first call.
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error("Teams request failed ref={}", ref, e);
      if (!response.isCommitted()) {
        json(response, 500, Map.of("error", "internal error", "reference", ref));
      }
    }
  }

  private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<byte[]> body = read(request);
    if (body.isEmpty()) {
      json(response, 413, Map.of("error", "body too large"));
      return;
    }
    Optional<Activity> parsed = TeamsJson.activity(body.get());
    if (parsed.isEmpty()) {
      json(response, 400, Map.of("error", "the body is not a Bot Framework activity"));
      return;
    }
    Activity activity = parsed.get();
    String authorization = request.getHeader("Authorization");
    Optional<String> refusal = refusal(request, activity, authorization);
    if (refusal.isPresent()) {
      boolean missing = authorization == null || authorization.isBlank();
      int status = missing && !settings.authOff() ? 401 : 403;
      if (status == 401) {
        response.setHeader("WWW-Authenticate", "Bearer");
      }
      json(response, status, Map.of("error", refusal.get()));
      return;
    }
    if (activity.getRecipient() != null && activity.getRecipient().getRole() == null) {
      // Bot Builder dereferences recipient.role on anonymous emulator activities.
      activity.getRecipient().setRole(RoleTypes.BOT);
    }
    InvokeResponse result;
    try {
      result =
          adapter
              .processIncomingActivity(authorization == null ? "" : authorization, activity, bot)
              .join();
    } catch (RuntimeException e) {
      Throwable cause = TeamsFailures.unwrap(e);
      if (cause instanceof AuthenticationException || cause instanceof JWTVerificationException) {
        log.info("refused a Teams request: {}", cause.getMessage());
        json(response, 403, Map.of("error", "authentication failed"));
        return;
      }
      throw e;
    }
    if (result == null) {
      response.setStatus(202);
      return;
    }
    if (result.getBody() == null) {
      response.setStatus(result.getStatus());
      return;
    }
    json(response, result.getStatus(), result.getBody());
  }

  /** Why the request is refused before Bot Builder sees it, if it is. */
  private Optional<String> refusal(
      HttpServletRequest request, Activity activity, String authorization) {
    String host = ServiceUrlPolicy.hostOf(String.valueOf(activity.getServiceUrl()));
    if (settings.authOff()) {
      // A proxy or tunnel on this machine would make every caller look local.
      boolean forwarded =
          request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
      if (!loopback(request.getRemoteAddr()) || forwarded) {
        log.warn(
            "refused a Teams request from {}: TEAMS_AUTH=off accepts loopback only",
            request.getRemoteAddr());
        return Optional.of("authentication is off: only local requests are accepted");
      }
      if (!settings.serviceUrls().allows(activity.getServiceUrl())) {
        log.warn(
            "refused a Teams activity for service URL host {}: TEAMS_AUTH=off accepts loopback only",
            host);
        return Optional.of("authentication is off: only loopback service URLs are accepted");
      }
      return Optional.empty();
    }
    if (authorization == null || authorization.isBlank()) {
      return Optional.of("missing Authorization header");
    }
    String[] parts = authorization.strip().split(" ");
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("bearer")) {
      return Optional.of("expected a Bearer token");
    }
    try {
      DecodedJWT token = JWT.decode(parts[1]);
      String issuer = token.getIssuer();
      if (!AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER.equals(issuer)) {
        log.info("refused a Teams request with a token from issuer {}", issuer);
        return Optional.of("only Bot Framework channel tokens are accepted");
      }
      Optional<String> lifetime = lifetime(token);
      if (lifetime.isPresent()) {
        log.info("refused a Teams request: {}", lifetime.get());
        return lifetime;
      }
    } catch (JWTDecodeException e) {
      return Optional.of("the token is not a JWT");
    }
    if (!Channels.MSTEAMS.equals(activity.getChannelId())) {
      return Optional.of("only Microsoft Teams activities are accepted");
    }
    if (!settings.serviceUrls().allows(activity.getServiceUrl())) {
      log.warn(
          "refused a Teams activity for service URL host {}: not on the allow-list. If it is Microsoft's,"
              + " add it to {}.",
          host,
          TeamsSettings.SERVICE_URL_HOSTS);
      return Optional.of("service URL not allowed");
    }
    return Optional.empty();
  }

  /** Why the token is not valid now, if it is not. */
  private Optional<String> lifetime(DecodedJWT token) {
    Instant now = wallClock.instant();
    if (token.getExpiresAt() == null) {
      return Optional.of("the token has no expiry (exp)");
    }
    if (token.getExpiresAt().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
      return Optional.of("the token has expired");
    }
    if (token.getNotBefore() != null
        && token.getNotBefore().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
      return Optional.of("the token is not valid yet");
    }
    return Optional.empty();
  }

  private static boolean loopback(String address) {
    try {
      return address != null && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Optional<byte[]> read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      return Optional.empty();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(bytes);
    }
  }

  private static void json(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-store");
    Object value = body instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : body;
    response.getOutputStream().write(TeamsJson.write(value).getBytes(StandardCharsets.UTF_8));
  }
}
