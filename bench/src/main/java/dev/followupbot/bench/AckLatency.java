package dev.followupbot.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Slash-command acknowledgement latency under load: {@code connections} clients, each sending
 * signed {@code /followup} commands back to back (a mix of new, claim, remind and reminders) for a
 * while, against the real server and against a bare Bolt app on the same Jetty that only checks the
 * signature and acknowledges.
 */
final class AckLatency {

  /** Latencies in milliseconds and the request rate. */
  record Result(Stats latency, double perSecond, long errors) {}

  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private AckLatency() {}

  /** A way of sending the command mix to a URL for a while. */
  interface Load {
    Result run(String url, Duration duration) throws Exception;

    /** {@code connections} clients, each sending the next request when the last one is answered. */
    static Load closed(int connections) {
      return (url, duration) -> load(url, connections, duration);
    }

    /** A steady {@code perSecond}, whatever the answers take (see {@link #steady}). */
    static Load open(int perSecond) {
      return (url, duration) -> steady(url, perSecond, duration);
    }
  }

  /** The real server, with a few seconds' warm-up before the measured run. */
  static Result ours(FakeSlackApi slack, Path dir, int threads, Load load, Duration duration)
      throws Exception {
    slack.clear();
    try (BenchBot bot = new BenchBot(BenchBot.env(dir, slack, Optional.empty(), threads))) {
      return warmThenMeasure("http://127.0.0.1:" + bot.port() + "/slack/events", load, duration);
    }
  }

  /** A bare Bolt app: signature check and an empty acknowledgement, on a Jetty like ours. */
  static Result baseline(FakeSlackApi slack, Load load, Duration duration) throws Exception {
    try (Baseline app = new Baseline(slack)) {
      return warmThenMeasure(app.url(), load, duration);
    }
  }

  private static Result warmThenMeasure(String url, Load load, Duration duration) throws Exception {
    load.run(url, Duration.ofSeconds(Math.min(3, duration.toSeconds())));
    return load.run(url, duration);
  }

  /** The baseline server: Bolt's servlet on Jetty, acknowledging every command with nothing. */
  private static final class Baseline implements AutoCloseable {
    private final App app;
    private final Server jetty;
    private final ServerConnector connector;

    Baseline(FakeSlackApi slack) throws Exception {
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(slack.apiUrl());
      config.setStatsEnabled(false);
      app =
          new App(
              AppConfig.builder()
                  .slack(Slack.getInstance(config))
                  .singleTeamBotToken(BenchBot.TOKEN)
                  .signingSecret(BenchBot.SECRET)
                  .build());
      app.command("/followup", (req, ctx) -> ctx.ack());
      app.start();
      jetty = new Server();
      connector = new ServerConnector(jetty);
      connector.setPort(0);
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
      jetty.setHandler(context);
      jetty.start();
    }

    String url() {
      return "http://127.0.0.1:" + connector.getLocalPort() + "/slack/events";
    }

    @Override
    public void close() throws Exception {
      jetty.stop();
      app.stop();
    }
  }

  /**
   * The mix at a steady {@code perSecond}, open loop: each request has a planned start, and its
   * latency counts from that plan, so a slow answer also delays the requests queued behind it (no
   * coordinated omission).
   */
  static Result steady(String url, int perSecond, Duration duration) throws Exception {
    int clients = 64;
    long total = perSecond * duration.toSeconds();
    long period = 1_000_000_000L / perSecond;
    long begin = System.nanoTime() + 50_000_000L;
    AtomicLong next = new AtomicLong();
    return new Clients(clients)
        .run(
            "bench-steady-",
            duration,
            (shared, worker) -> {
              for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                long planned = begin + i * period;
                long wait;
                while ((wait = planned - System.nanoTime()) > 0) {
                  java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                shared.send(url, worker, command(worker, i));
                shared.record(planned);
              }
            });
  }

  static Result load(String url, int connections, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    return new Clients(connections)
        .run(
            "bench-client-",
            duration,
            (clients, worker) -> {
              for (long n = 0; System.nanoTime() < end; n++) {
                long start = System.nanoTime();
                clients.send(url, worker, command(worker, n));
                clients.record(start);
              }
            });
  }

  /** The n-th command of a worker: new, claim, remind and reminders in turn. */
  private static String command(int worker, long n) {
    return switch ((int) (n % 4)) {
      case 0 -> "new Bench case " + worker;
      case 1 -> "claim " + (1 + (n / 4) % 50);
      case 2 -> "remind in 2h check on it";
      default -> "reminders";
    };
  }

  /** What one worker does with the shared clients. */
  private interface Work {
    void run(Clients clients, int worker);
  }

  /** Worker threads sharing one HTTP client, signing like Slack and recording every latency. */
  private static final class Clients {
    private final OkHttpClient http;
    private final int workers;
    private final SlackSignatureVerifier signer =
        new SlackSignatureVerifier(BenchBot.SECRET, Clock.systemUTC());
    private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();

    Clients(int workers) {
      this.workers = workers;
      this.http =
          new OkHttpClient.Builder()
              .connectionPool(new ConnectionPool(workers, 1, TimeUnit.MINUTES))
              .callTimeout(Duration.ofSeconds(30))
              .build();
    }

    Result run(String threadPrefix, Duration duration, Work work) throws InterruptedException {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        Thread t = new Thread(() -> work.run(this, worker), threadPrefix + w);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      return new Result(
          Stats.of(latencies), latencies.size() / (duration.toMillis() / 1000.0), errors.get());
    }

    /** Records the time from {@code sinceNanos} to now. */
    void record(long sinceNanos) {
      latencies.add((System.nanoTime() - sinceNanos) / 1e6);
    }

    void send(String url, int worker, String text) {
      byte[] body = form(worker, text).getBytes(StandardCharsets.UTF_8);
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      Request request =
          new Request.Builder()
              .url(url)
              .header("X-Slack-Request-Timestamp", ts)
              .header("X-Slack-Signature", signer.sign(ts, body))
              .post(RequestBody.create(body, FORM))
              .build();
      try (Response r = http.newCall(request).execute()) {
        r.body().bytes();
        if (r.code() != 200) {
          errors.incrementAndGet();
        }
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }
  }

  private static String form(int worker, String text) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("token", "legacy");
    f.put("team_id", FakeSlackApi.TEAM);
    f.put("team_domain", "bench");
    f.put("channel_id", "C" + (worker % 10));
    f.put("channel_name", "support");
    f.put("user_id", "UL" + worker);
    f.put("user_name", "ul" + worker);
    f.put("command", "/followup");
    f.put("text", text);
    f.put("api_app_id", "A0BENCH");
    f.put("response_url", "https://hooks.slack.com/commands/T/1/x");
    // Unique, as Slack's are: the bot ignores a request it has seen before.
    f.put("trigger_id", "1.2." + java.util.UUID.randomUUID());
    StringBuilder s = new StringBuilder();
    f.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }
}
