package dev.followupbot.bench;

import dev.followupbot.app.ServeCommand;
import dev.followupbot.app.Settings;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.testing.FakeSlackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The real server (ServeCommand.Server: Jetty, Slack through Bolt, the core, Quartz on its JDBC
 * store) in this process, pointed at the fake Slack. Schedules are quiet, so only what a benchmark
 * does reaches Slack.
 */
final class BenchBot implements AutoCloseable {

  /** How many threads create reminders or wake-ups at once. */
  static final int CALLERS = 32;

  static final String TOKEN = "xoxb-bench-token";
  static final String SECRET = "bench-signing-secret-0123456789";
  static final TenantId TENANT = new TenantId(Platform.SLACK, FakeSlackApi.TEAM);

  /** A configuration with every schedule off and the given number of Quartz threads. */
  static String quietConfig(int threads) {
    return "scheduler: {threads: "
        + threads
        + "}\n"
        + "defaults:\n"
        + "  unclaimed: {nudge_after: off}\n"
        + "  stale: {after: off}\n"
        + "  sla: {first_response: {urgent: off, high: off, normal: off, low: off},"
        + " resolution: {urgent: off, high: off, normal: off, low: off},"
        + " next_response: {urgent: off, high: off, normal: off, low: off}}\n"
        + "  follow_up: {after_resolution: {urgent: off, high: off, normal: off, low: off}}\n"
        + "  digest: {team: off, personal: off}\n";
  }

  /** The environment a bench node runs with. */
  static Map<String, String> env(Path dir, FakeSlackApi slack, Optional<String> dbUrl, int threads)
      throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve("followup.yaml");
    Files.writeString(config, quietConfig(threads));
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("FOLLOWUP_DATA_DIR", dir.resolve("data").toString());
    env.put("FOLLOWUP_CONFIG", config.toString());
    env.put("SLACK_BOT_TOKEN", TOKEN);
    env.put("SLACK_SIGNING_SECRET", SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    dbUrl.ifPresent(url -> env.put("FOLLOWUP_DB_URL", url));
    return env;
  }

  final ServeCommand.Server server;

  BenchBot(Map<String, String> env) throws Exception {
    this.server = ServeCommand.Server.start(Settings.from(env), Clock.systemUTC());
  }

  FollowupCore core() {
    return server.bot().core();
  }

  int port() {
    return server.port();
  }

  static Caller person(int n) {
    return new Caller(TENANT, "U" + n, "U" + n, ZoneOffset.UTC, "C" + (n % 50));
  }

  /** Runs {@code each(i)} for i in [0, count) on {@link #CALLERS} threads; waits for all. */
  static void inParallel(int count, IntConsumer each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        int from = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = from; i < count; i += CALLERS) {
                    each.accept(i);
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
  }

  /**
   * When a crowd of {@code count} items can be due: after they have all been stored. A pilot of a
   * twentieth as many ({@code pilot(i)} stores one, due far away) on the same threads measures the
   * rate, and the crowd is due after the time {@code count} take at that rate, with a 30% margin.
   */
  static Instant dueAfterSeeding(int count, IntConsumer pilot) throws Exception {
    int size = Math.max(1, Math.min(count, Math.max(100, count / 20)));
    long start = System.nanoTime();
    inParallel(size, pilot);
    double perItemMillis = (System.nanoTime() - start) / 1e6 / size;
    return Instant.now().plusMillis(2000 + (long) (count * perItemMillis * 1.3));
  }

  /**
   * Creates reminders through the core (stored, then scheduled with Quartz), {@code note(i)} for
   * reminder i, due at {@code due(i)}, for recipient {@code i % recipients}, by {@link #CALLERS}
   * callers at once: as many as a busy server has requests in flight, so that their Quartz wake-ups
   * are written in shared batches, as they would be in production.
   */
  static void createReminders(
      FollowupCore core,
      int count,
      int recipients,
      IntFunction<Instant> due,
      IntFunction<String> note)
      throws Exception {
    core.directory().ensureTenant(TENANT);
    inParallel(count, i -> remind(core, person(i % recipients), due.apply(i), note.apply(i)));
  }

  /**
   * Creates {@code count} reminders all due at one instant, after a pilot has measured how long
   * creating them takes here (so the crowd is not due before the last one is stored); returns the
   * instant.
   */
  static Instant createCrowd(FollowupCore core, int count, int recipients, String prefix)
      throws Exception {
    core.directory().ensureTenant(TENANT);
    Instant far = Instant.now().plus(Duration.ofDays(1));
    Instant due = dueAfterSeeding(count, i -> remind(core, person(i % recipients), far, "pilot"));
    createReminders(core, count, recipients, i -> due, i -> prefix + i);
    if (Instant.now().isAfter(due)) {
      System.err.println(
          "warning: creating the "
              + prefix
              + " reminders ended after they were due; the storm overlapped their creation");
    }
    return due;
  }

  private static void remind(FollowupCore core, Caller who, Instant due, String note) {
    core.reminders()
        .remind(
            who, new Command.Remind(Optional.empty(), Optional.empty(), due, Optional.of(note)));
  }

  /**
   * Has the bot write to each of the first {@code recipients} people once and waits until it has,
   * so their direct chats are open, as they are for people who use the bot: a first message costs a
   * conversations.open, which Slack limits apart from posts. Then forgets what the fake received.
   */
  static void greet(FollowupCore core, FakeSlackApi slack, int recipients) throws Exception {
    Instant soon = Instant.now().plusSeconds(1);
    createReminders(core, recipients, recipients, i -> soon, i -> "hello-" + i);
    Storm.Result hello =
        Storm.collect(slack, "⏰ Reminder: hello-", recipients, i -> soon, Duration.ofMinutes(2));
    if (hello.delivered() < recipients) {
      throw new IllegalStateException(
          "only " + hello.delivered() + " of " + recipients + " greetings arrived");
    }
    slack.clear();
  }

  @Override
  public void close() {
    server.close();
  }
}
