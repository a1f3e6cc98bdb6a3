package dev.followupbot.teams;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Bot Framework's token service, offline: OpenID metadata and a JWKS with one RSA key endorsed for
 * {@code msteams}, served on loopback, and channel tokens signed with that key. One per test JVM,
 * because Bot Builder keeps the metadata URL in a static field.
 */
final class BotFrameworkKeys {

  static final String ISSUER = "https://api.botframework.com";
  static final String KID = "test-signing-key";
  private static BotFrameworkKeys instance;

  private final MockWebServer server = new MockWebServer();
  private final RSAPublicKey publicKey;
  private final RSAPrivateKey privateKey;
  private final RSAPublicKey otherPublic;
  private final RSAPrivateKey otherPrivate;

  private BotFrameworkKeys() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair pair = gen.generateKeyPair();
      publicKey = (RSAPublicKey) pair.getPublic();
      privateKey = (RSAPrivateKey) pair.getPrivate();
      KeyPair other = gen.generateKeyPair();
      otherPublic = (RSAPublicKey) other.getPublic();
      otherPrivate = (RSAPrivateKey) other.getPrivate();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              if (request.getPath().endsWith("/openidconfiguration")) {
                return json(
                    "{\"issuer\":\""
                        + ISSUER
                        + "\",\"jwks_uri\":\""
                        + server.url("/v1/keys")
                        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
              }
              if (request.getPath().endsWith("/keys")) {
                return json(
                    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
                        + KID
                        + "\",\"n\":\""
                        + b64(publicKey.getModulus().toByteArray())
                        + "\",\"e\":\""
                        + b64(publicKey.getPublicExponent().toByteArray())
                        + "\",\"endorsements\":[\"msteams\"]}]}");
              }
              return new MockResponse().setResponseCode(404);
            }
          });
      server.start();
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static synchronized BotFrameworkKeys get() {
    if (instance == null) {
      instance = new BotFrameworkKeys();
    }
    return instance;
  }

  String metadataUrl() {
    return server.url("/v1/.well-known/openidconfiguration").toString();
  }

  /** A valid channel token for this app and service URL. */
  String token(String appId, String serviceUrl) {
    return sign(base(appId, serviceUrl), false);
  }

  JWTCreator.Builder base(String appId, String serviceUrl) {
    Instant now = Instant.now();
    JWTCreator.Builder b =
        JWT.create()
            .withKeyId(KID)
            .withIssuer(ISSUER)
            .withAudience(appId)
            .withNotBefore(Date.from(now.minus(Duration.ofMinutes(1))))
            .withIssuedAt(Date.from(now.minus(Duration.ofMinutes(1))))
            .withExpiresAt(Date.from(now.plus(Duration.ofMinutes(30))));
    if (serviceUrl != null) {
      b.withClaim("serviceurl", serviceUrl);
    }
    return b;
  }

  /** Signs with the published key, or with a key nobody published. */
  String sign(JWTCreator.Builder token, boolean unknownKey) {
    return unknownKey
        ? token.sign(Algorithm.RSA256(otherPublic, otherPrivate))
        : token.sign(Algorithm.RSA256(publicKey, privateKey));
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String b64(byte[] bytes) {
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] trimmed = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(trimmed);
  }
}
