package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 7: a thousand unauthenticated clients each declare a 100 kB body to /slack/events or
 * /api/messages and send it a byte a second (reconnecting whenever the server closes on them).
 * Teams authentication is on, as in production: the Teams attackers send no token or a forged one
 * (signed with a key Bot Framework never published). Throughout, once a second for 20 s, /healthz,
 * a signed slash command and a Teams activity with a valid Bot Framework token are each answered
 * within 3 s. Before the attack, a body that stops arriving is answered 408 in JSON, and a Teams
 * activity without a token or with the forged one is refused. The run stops by itself: 20 rounds of
 * checks, then the slow clients are closed.
 */
class SlowUploadIT {

  private static final int SLOW_CLIENTS = 1000;
  private static final int ROUNDS = 20;
  private static final Duration WITHIN = Duration.ofSeconds(3);
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final String APP_ID = "6f0e8a2c-4b1d-4c3e-9a7f-1d2e3f4a5b6c";
  private static final String TENANT = "11111111-2222-3333-4444-555555555555";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void a_thousand_slow_uploads_do_not_keep_health_slack_or_teams_from_answering() throws Exception {
    MockWebServer connector = new MockWebServer();
    connector.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse()
                .setResponseCode(201)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"id\":\"activity-1\"}");
          }
        });
    connector.start(InetAddress.getLoopbackAddress(), 0);
    try (FakeSlackApi slack = new FakeSlackApi();
        BotFrameworkKeys keys = new BotFrameworkKeys()) {
      Map<String, String> env = ServeNode.env(dir.resolve("node"), slack);
      env.put("MicrosoftAppId", APP_ID);
      env.put("MicrosoftAppPassword", "not-a-real-secret");
      env.put("TEAMS_SERVICE_URL_HOSTS", "127.0.0.1,localhost");
      env.put("BotOpenIdMetadata", keys.metadataUrl());
      String serviceUrl = connector.url("/").toString();
      try (ServeNode node = ServeNode.start(dir, env);
          SlowClients attack = new SlowClients(node.port(), keys.forged(APP_ID, serviceUrl))) {
        Checks checks = new Checks(node, serviceUrl, keys.token(APP_ID, serviceUrl));
        assertThat(checks.teams(null)).as("no token").isEqualTo(401);
        assertThat(checks.teams(keys.forged(APP_ID, serviceUrl))).as("forged").isEqualTo(403);
        // Warm-up: the first Teams turn builds Bot Builder's clients, which takes seconds on a
        // busy machine. Until every check answers in time, the attack does not start.
        long warm = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (List<String> f = checks.round(); !f.isEmpty(); f = checks.round()) {
          assertThat(System.nanoTime()).as("warm before the attack: " + f).isLessThan(warm);
        }
        try (Socket stalled = RawHttp.open(node.port(), Duration.ofSeconds(20))) {
          stalled
              .getOutputStream()
              .write(
                  ("POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
                      .getBytes(StandardCharsets.US_ASCII));
          RawHttp.Answer a = RawHttp.read(stalled.getInputStream());
          assertThat(a.status()).as("a body that stops arriving").isEqualTo(408);
          assertThat(a.header("Content-Type")).startsWith("application/json");
          assertThat(a.body()).startsWith("{\"error\":").doesNotContain("Exception");
        }

        attack.start();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (attack.open() < SLOW_CLIENTS * 9 / 10) {
          assertThat(System.nanoTime()).as("slow clients connected").isLessThan(until);
          Thread.sleep(100);
        }
        List<String> failures = new ArrayList<>();
        int held = 0;
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
          held += attack.open();
          for (String failure : checks.round()) {
            failures.add("round " + round + ": " + failure);
          }
          long next = start + Duration.ofSeconds(round + 1).toNanos();
          long wait = next - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // the rate of the checks, not a stand-in for time
          }
        }
        System.out.printf(
            "SlowUploadIT: %d slow clients open on average, %d at the end, %d connections opened,"
                + " %d closed by the server%n",
            held / ROUNDS, attack.open(), attack.opened.get(), attack.closedByServer.get());
        assertThat(failures).as(node.output()).isEmpty();
        // The server closes each slow body after 10 s and the attackers reconnect, so the count
        // comes in waves; on average most of the thousand are open while the checks run.
        assertThat(held / ROUNDS)
            .as("slow clients open on average")
            .isGreaterThan(SLOW_CLIENTS / 2);
      }
    } finally {
      connector.shutdown();
    }
  }

  /** The answers that must keep coming: each one's failure, if any, as a sentence. */
  private static final class Checks {
    private final ServeNode node;
    private final String serviceUrl;
    private final OkHttpClient http =
        new OkHttpClient.Builder().callTimeout(WITHIN).retryOnConnectionFailure(false).build();
    private final SlackSignatureVerifier signer =
        new SlackSignatureVerifier(ServeNode.SIGNING_SECRET, Clock.systemUTC());
    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final String token;
    private int n;

    Checks(ServeNode node, String serviceUrl, String token) {
      this.node = node;
      this.serviceUrl = serviceUrl;
      this.token = token;
    }

    /** The status a Teams activity with this token (or none) gets. */
    int teams(String bearer) throws IOException {
      Request.Builder request = activity();
      if (bearer == null) {
        request.removeHeader("Authorization");
      } else {
        request.header("Authorization", "Bearer " + bearer);
      }
      try (Response r = http.newCall(request.build()).execute()) {
        return r.code();
      }
    }

    List<String> round() throws Exception {
      n++;
      List<CompletableFuture<String>> answers =
          List.of(
              CompletableFuture.supplyAsync(
                  () -> call("/healthz", new Request.Builder().url(node.url("/healthz")), 200),
                  pool),
              CompletableFuture.supplyAsync(() -> call("a slash command", command(), 200), pool),
              CompletableFuture.supplyAsync(() -> call("a Teams message", activity(), 202), pool));
      List<String> failures = new ArrayList<>();
      for (CompletableFuture<String> a : answers) {
        String failure = a.get(WITHIN.toSeconds() + 5, TimeUnit.SECONDS);
        if (failure != null) {
          failures.add(failure);
        }
      }
      return failures;
    }

    private String call(String what, Request.Builder request, int expected) {
      long started = System.nanoTime();
      try (Response r = http.newCall(request.build()).execute()) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return r.code() == expected ? null : what + " got " + r.code() + " in " + ms + " ms";
      } catch (IOException e) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return what
            + " got no answer within "
            + WITHIN.toSeconds()
            + " s ("
            + ms
            + " ms: "
            + e
            + ")";
      }
    }

    private Request.Builder command() {
      String body =
          "team_id="
              + FakeSlackApi.TEAM
              + "&channel_id=C0SUPPORT&user_id=UANN&command=%2Ffollowup&text=help"
              + "&trigger_id="
              + UUID.randomUUID()
              + "&response_url="
              + URLEncoder.encode("https://hooks.slack.com/commands/1", StandardCharsets.UTF_8);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      return new Request.Builder()
          .url(node.url("/slack/events"))
          .header("X-Slack-Request-Timestamp", ts)
          .header("X-Slack-Signature", signer.sign(ts, bytes))
          .post(RequestBody.create(bytes, FORM));
    }

    private Request.Builder activity() {
      String json =
          "{\"type\":\"message\",\"id\":\"m"
              + n
              + "\",\"timestamp\":\"2026-11-23T09:00:00.1234567Z\",\"serviceUrl\":\""
              + serviceUrl
              + "\",\"channelId\":\"msteams\",\"from\":{\"id\":\"29:ann\",\"name\":\"Ann\"},"
              + "\"conversation\":{\"id\":\"a:ann\",\"conversationType\":\"personal\"},"
              + "\"recipient\":{\"id\":\"28:"
              + APP_ID
              + "\",\"name\":\"Followup\"},\"channelData\":{\"tenant\":{\"id\":\""
              + TENANT
              + "\"}},\"text\":\"help\"}";
      return new Request.Builder()
          .url(node.url("/api/messages"))
          .header("Authorization", "Bearer " + token)
          .post(RequestBody.create(json, MediaType.get("application/json")));
    }
  }

  /**
   * The attackers: {@link #SLOW_CLIENTS} connections, half to each platform's endpoint (on Teams',
   * half without a token and half with a forged one), each declaring a 100 kB body and sending one
   * byte a second; a connection the server closes is opened again. One thread does it all, once a
   * second, until closed.
   */
  private static final class SlowClients implements AutoCloseable {
    private final int port;
    private final String forged;
    private final Socket[] sockets = new Socket[SLOW_CLIENTS];
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "slow-clients");

    SlowClients(int port, String forged) {
      this.port = port;
      this.forged = forged;
    }

    void start() {
      thread.start();
    }

    synchronized int open() {
      int open = 0;
      for (Socket s : sockets) {
        open += s != null && !s.isClosed() ? 1 : 0;
      }
      return open;
    }

    private void run() {
      while (running.get()) {
        long tick = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS && running.get(); i++) {
          trickle(i);
        }
        long wait = tick + TimeUnit.SECONDS.toNanos(1) - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait); // one byte a second is the attack's rate
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    private void trickle(int i) {
      synchronized (this) {
        try {
          if (sockets[i] == null || sockets[i].isClosed()) {
            Socket s = RawHttp.open(port, Duration.ofSeconds(2));
            String path = i % 2 == 0 ? "/slack/events" : "/api/messages";
            String token = i % 4 == 3 ? "Authorization: Bearer " + forged + "\r\n" : "";
            s.getOutputStream()
                .write(
                    ("POST "
                            + path
                            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + token
                            + "Content-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            sockets[i] = s;
            opened.incrementAndGet();
          }
          OutputStream out = sockets[i].getOutputStream();
          out.write('x');
          out.flush();
          if (sockets[i].getInputStream().available() > 0) {
            throw new IOException("the server answered");
          }
        } catch (IOException e) {
          closedByServer.incrementAndGet();
          closeQuietly(sockets[i]);
          sockets[i] = null;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(TimeUnit.SECONDS.toMillis(10));
      synchronized (this) {
        for (Socket s : sockets) {
          closeQuietly(s);
        }
      }
    }

    private static void closeQuietly(Socket s) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // already gone
        }
      }
    }
  }

  /**
   * Bot Framework's token service, offline: OpenID metadata and a JWKS with one RSA key endorsed
   * for {@code msteams}, on loopback; channel tokens signed with that key, and forged ones signed
   * with a key nobody published.
   */
  private static final class BotFrameworkKeys implements AutoCloseable {
    private static final String ISSUER = "https://api.botframework.com";
    private static final String KID = "slow-upload-key";
    private final MockWebServer server = new MockWebServer();
    private final KeyPair published;
    private final KeyPair unpublished;

    BotFrameworkKeys() throws Exception {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      published = gen.generateKeyPair();
      unpublished = gen.generateKeyPair();
      RSAPublicKey key = (RSAPublicKey) published.getPublic();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = String.valueOf(request.getPath());
              if (path.endsWith("/openidconfiguration")) {
                return json(
                    "{\"issuer\":\""
                        + ISSUER
                        + "\",\"jwks_uri\":\""
                        + server.url("/v1/keys")
                        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
              }
              if (path.endsWith("/keys")) {
                return json(
                    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
                        + KID
                        + "\",\"n\":\""
                        + b64(key.getModulus().toByteArray())
                        + "\",\"e\":\""
                        + b64(key.getPublicExponent().toByteArray())
                        + "\",\"endorsements\":[\"msteams\"]}]}");
              }
              return new MockResponse().setResponseCode(404);
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
    }

    String metadataUrl() {
      return server.url("/v1/.well-known/openidconfiguration").toString();
    }

    /** A valid channel token for the app and service URL, for an hour. */
    String token(String appId, String serviceUrl) {
      return sign(appId, serviceUrl, published);
    }

    /** The same claims, signed with a key Bot Framework never published. */
    String forged(String appId, String serviceUrl) {
      return sign(appId, serviceUrl, unpublished);
    }

    private static String sign(String appId, String serviceUrl, KeyPair with) {
      Instant now = Instant.now();
      return JWT.create()
          .withKeyId(KID)
          .withIssuer(ISSUER)
          .withAudience(appId)
          .withNotBefore(Date.from(now.minus(Duration.ofMinutes(1))))
          .withIssuedAt(Date.from(now.minus(Duration.ofMinutes(1))))
          .withExpiresAt(Date.from(now.plus(Duration.ofHours(1))))
          .withClaim("serviceurl", serviceUrl)
          .sign(
              Algorithm.RSA256((RSAPublicKey) with.getPublic(), (RSAPrivateKey) with.getPrivate()));
    }

    private static MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String b64(byte[] bytes) {
      int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
    }

    @Override
    public void close() throws IOException {
      server.shutdown();
    }
  }
}
