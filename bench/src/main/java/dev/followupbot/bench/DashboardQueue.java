package dev.followupbot.bench;

import dev.followupbot.app.dashboard.PublicUrl;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.testing.FakeSlackApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The dashboard's queue page, as a lead's browser loads it, with {@code open} open cases in the
 * lead's team: {@code clients} clients each load the page (or the table htmx refreshes every two
 * seconds) back to back. {@code GET /healthz} on the same server, with the same clients, is the
 * baseline: what the same Jetty answers when it renders nothing.
 */
final class DashboardQueue {

  /** Latencies in milliseconds, and how many answers were not 200. */
  record Result(Stats page, Stats rows, Stats health, long errors, int open) {}

  private static final String LEAD = "U0";

  private DashboardQueue() {}

  static Result run(FakeSlackApi slack, Path dir, int open, int clients, Duration duration)
      throws Exception {
    Map<String, String> env = BenchBot.env(dir, slack, Optional.empty(), 4);
    Files.writeString(
        Path.of(env.get("FOLLOWUP_CONFIG")), config(), java.nio.file.StandardOpenOption.APPEND);
    env.put(PublicUrl.VAR, "http://127.0.0.1");
    try (BenchBot bot = new BenchBot(env)) {
      FollowupCore core = bot.core();
      core.directory().ensureTenant(BenchBot.TENANT);
      BenchBot.inParallel(
          open,
          i ->
              core.cases()
                  .open(
                      BenchBot.person(i),
                      new Command.NewCase(
                          "Bench case " + i,
                          Optional.of("Customer " + (i % 97)),
                          Priority.NORMAL,
                          Optional.empty())));
      String base = "http://127.0.0.1:" + bot.port();
      OkHttpClient http =
          new OkHttpClient.Builder()
              .followRedirects(false)
              .callTimeout(Duration.ofSeconds(30))
              .build();
      String cookie = signIn(core, http, base);
      requireCasesShown(http, base, cookie, open);
      AtomicLong errors = new AtomicLong();
      // Warm up, then measure each address in turn with the same clients.
      load(http, base + "/dashboard/", cookie, clients, Duration.ofSeconds(2), errors);
      errors.set(0);
      Stats page = load(http, base + "/dashboard/", cookie, clients, duration, errors);
      Stats rows = load(http, base + "/dashboard/queue/rows", cookie, clients, duration, errors);
      Stats health = load(http, base + "/healthz", null, clients, duration, errors);
      return new Result(page, rows, health, errors.get(), open);
    }
  }

  /** One team owning the fifty channels the bench's people type in, led by {@link #LEAD}. */
  private static String config() {
    String channels =
        IntStream.range(0, 50).mapToObj(c -> "C" + c).collect(Collectors.joining(", "));
    return "teams:\n"
        + "  - id: support\n"
        + "    channels: ["
        + channels
        + "]\n"
        + "    leads: ["
        + LEAD
        + "]\n";
  }

  /** Signs the lead in with a link, as the {@code dashboard} command gives one; the cookie. */
  private static String signIn(FollowupCore core, OkHttpClient http, String base) throws Exception {
    URI link = core.dashboardLinks().issue(new UserRef(BenchBot.TENANT, LEAD));
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(base + link.getRawPath() + "?" + link.getRawQuery())
                    .build())
            .execute()) {
      String setCookie = r.header("Set-Cookie");
      if (r.code() != 303 || setCookie == null) {
        throw new IllegalStateException("dashboard sign-in answered " + r.code());
      }
      return setCookie.substring(0, setCookie.indexOf(';'));
    }
  }

  /** The figure means nothing if the lead's page does not list the cases: check it once. */
  private static void requireCasesShown(OkHttpClient http, String base, String cookie, int open)
      throws Exception {
    try (Response r =
        http.newCall(
                new Request.Builder().url(base + "/dashboard/").header("Cookie", cookie).build())
            .execute()) {
      String page = r.body().string();
      if (r.code() != 200 || !page.contains("Bench case") || !page.contains(String.valueOf(open))) {
        throw new IllegalStateException(
            "the queue page (" + r.code() + ") does not show the " + open + " open cases");
      }
    }
  }

  private static Stats load(
      OkHttpClient http,
      String url,
      String cookie,
      int clients,
      Duration duration,
      AtomicLong errors)
      throws Exception {
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    long until = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        work.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < until) {
                    Request.Builder request = new Request.Builder().url(url);
                    if (cookie != null) {
                      request.header("Cookie", cookie);
                    }
                    long start = System.nanoTime();
                    try (Response r = http.newCall(request.build()).execute()) {
                      r.body().bytes();
                      if (r.code() != 200) {
                        errors.incrementAndGet();
                      }
                    }
                    latencies.add((System.nanoTime() - start) / 1e6);
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    return Stats.of(latencies);
  }

  /** The queue page a lead keeps open, with many open cases, against /healthz on that server. */
  static void dashboard(Report report, FakeSlackApi slack, Path work, boolean full)
      throws Exception {
    int open = full ? 5000 : 50;
    int clients = 4;
    Duration d = full ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    DashboardQueue.Result r =
        DashboardQueue.run(slack, work.resolve("dashboard"), open, clients, d);
    report.add(
        new Report.Row(
            "7. Dashboard queue page, "
                + open
                + " open cases, "
                + clients
                + " clients: p50 / p99 (non-200 answers)",
            Stats.ms(r.page().p50()) + " / " + Stats.ms(r.page().p99()) + " (" + r.errors() + ")",
            "/healthz " + Stats.ms(r.health().p50()) + " / " + Stats.ms(r.health().p99()),
            "p99 " + Stats.ratio(r.page().p99(), r.health().p99()),
            "p99 < 1 s, no errors",
            Report.verdict(r.page().p99() < 1000 && r.errors() == 0)));
    report.add(
        new Report.Row(
            "7. Dashboard queue table refresh (htmx, every 2 s per open page): p50 / p99",
            Stats.ms(r.rows().p50()) + " / " + Stats.ms(r.rows().p99()),
            "/healthz " + Stats.ms(r.health().p50()) + " / " + Stats.ms(r.health().p99()),
            "p99 " + Stats.ratio(r.rows().p99(), r.health().p99()),
            "p99 < 1 s",
            Report.verdict(r.rows().p99() < 1000)));
  }
}
