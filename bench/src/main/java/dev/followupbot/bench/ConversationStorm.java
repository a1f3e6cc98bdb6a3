package dev.followupbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.MessageEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import okhttp3.MediaType;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Cases from conversations under load: a steady stream of signed Events API deliveries into 25
 * {@code auto} support channels, half of them top-level messages from 50 requesters (each opens a
 * case, whose card goes into its thread) and half an agent's reply in the thread of the message
 * before (the first response). Measured: each event's acknowledgement, open loop, against a bare
 * Bolt app that acknowledges message events on the same Jetty; the time from a message's planned
 * sending to its case card's arrival at Slack; and that every message made exactly one case and one
 * card.
 */
final class ConversationStorm {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final int CHANNELS = 25;
  static final int REQUESTERS = 50;
  static final int AGENTS = 10;

  /** What one run measured; {@code roots} top-level messages were sent, warm-up included. */
  record Result(
      Stats ack,
      long errors,
      Stats toCard,
      int roots,
      int cases,
      int cards,
      int answered,
      int replies,
      long missingCards) {}

  private ConversationStorm() {}

  /**
   * The figure's rows: 1,000 events a minute for a minute at full size, a few seconds otherwise.
   */
  static void figure(Report report, FakeSlackApi slack, Path dir, boolean full, int threads)
      throws Exception {
    int perMinute = 1000;
    Duration d = full ? Duration.ofSeconds(60) : Duration.ofSeconds(4);
    Result base = baseline(slack, perMinute, d);
    Result ours = ours(slack, dir, threads, perMinute, d);
    boolean exact =
        ours.cases() == ours.roots()
            && ours.cards() == ours.roots()
            && ours.answered() == ours.replies()
            && ours.missingCards() == 0
            && ours.errors() == 0;
    report.add(
        new Report.Row(
            "8. Conversations: "
                + perMinute
                + " channel messages and replies a minute from "
                + REQUESTERS
                + " requesters, "
                + d.toSeconds()
                + " s: event ack p50 / p99 / max (errors)",
            Stats.ms(ours.ack().p50())
                + " / "
                + Stats.ms(ours.ack().p99())
                + " / "
                + Stats.ms(ours.ack().max())
                + " ("
                + ours.errors()
                + ")",
            Stats.ms(base.ack().p50())
                + " / "
                + Stats.ms(base.ack().p99())
                + " / "
                + Stats.ms(base.ack().max())
                + " ("
                + base.errors()
                + ")",
            "p99 " + Stats.ratio(ours.ack().p99(), base.ack().p99()),
            "≪ 3 s",
            ours.ack().p99() < 1000 && ours.errors() == 0 ? "yes" : "**no**"));
    report.add(
        new Report.Row(
            "8. Conversations: message to case card in its thread, p50 / p99 / max; cases / cards"
                + " per message; first responses per reply",
            Stats.ms(ours.toCard().p50())
                + " / "
                + Stats.ms(ours.toCard().p99())
                + " / "
                + Stats.ms(ours.toCard().max())
                + "; "
                + ours.cases()
                + " / "
                + ours.cards()
                + " / "
                + ours.roots()
                + " messages; "
                + ours.answered()
                + " first responses of "
                + ours.replies()
                + " replies",
            "",
            "",
            "p99 < 5 s, each exactly once",
            ours.toCard().p99() < 5000 && exact ? "yes" : "**no**"));
  }

  /** The real server. */
  static Result ours(FakeSlackApi slack, Path dir, int threads, int perMinute, Duration duration)
      throws Exception {
    slack.clear();
    Map<String, String> env = BenchBot.env(dir, slack, Optional.empty(), threads);
    Path config = Path.of(env.get("FOLLOWUP_CONFIG"));
    Files.writeString(config, Files.readString(config) + team());
    try (BenchBot bot = new BenchBot(env)) {
      String url = "http://127.0.0.1:" + bot.port() + "/slack/events";
      Map<String, Long> warm = new ConcurrentHashMap<>();
      ConversationLoad.Load warmUp =
          ConversationLoad.once(
              url, perMinute, Duration.ofSeconds(Math.min(3, duration.toSeconds())), warm, "w");
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      ConversationLoad.Load load = ConversationLoad.once(url, perMinute, duration, sentAt, "m");
      int roots = sentAt.size();
      int replies = warmUp.replies() + load.replies();
      long deadline = System.currentTimeMillis() + 60_000;
      while ((cardsIn(slack, sentAt).size() < roots || answered(bot) < replies)
          && System.currentTimeMillis() < deadline) {
        LockSupport.parkNanos(200_000_000L);
      }
      Map<String, Long> cards = cardsIn(slack, sentAt);
      List<Double> toCard = new ArrayList<>();
      sentAt.forEach(
          (ts, sent) -> {
            Long arrived = cards.get(ts);
            if (arrived != null) {
              toCard.add((double) (arrived - sent));
            }
          });
      int cases = 0;
      int answered = 0;
      for (int n = 1; ; n++) {
        Optional<SupportCase> c = bot.core().cases().findByNumber(BenchBot.TENANT, n);
        if (c.isEmpty()) {
          break;
        }
        cases++;
        if (c.get().firstResponseAt().isPresent()) {
          answered++;
        }
      }
      long cardPosts =
          slack.posts().stream()
              .filter(p -> sentAt.containsKey(threadOf(p)) || warm.containsKey(threadOf(p)))
              .count();
      // Cases and cards count both runs: each top-level message must be exactly one of each.
      return new Result(
          load.ack(),
          load.errors(),
          Stats.of(toCard),
          warm.size() + roots,
          cases,
          (int) cardPosts,
          answered,
          replies,
          roots - cards.size());
    }
  }

  /** A bare Bolt app acknowledging message events with nothing, on a Jetty like ours. */
  static Result baseline(FakeSlackApi slack, int perMinute, Duration duration) throws Exception {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    config.setStatsEnabled(false);
    App app =
        new App(
            AppConfig.builder()
                .slack(Slack.getInstance(config))
                .singleTeamBotToken(BenchBot.TOKEN)
                .signingSecret(BenchBot.SECRET)
                .build());
    app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
    app.start();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
    jetty.setHandler(context);
    jetty.start();
    try {
      String url = "http://127.0.0.1:" + connector.getLocalPort() + "/slack/events";
      ConversationLoad.once(
          url,
          perMinute,
          Duration.ofSeconds(Math.min(3, duration.toSeconds())),
          new ConcurrentHashMap<>(),
          "bw");
      ConversationLoad.Load load =
          ConversationLoad.once(url, perMinute, duration, new ConcurrentHashMap<>(), "b");
      return new Result(load.ack(), load.errors(), Stats.of(List.of()), 0, 0, 0, 0, 0, 0);
    } finally {
      jetty.stop();
      app.stop();
    }
  }

  private static String team() {
    StringBuilder channels = new StringBuilder();
    StringBuilder members = new StringBuilder();
    for (int c = 0; c < CHANNELS; c++) {
      channels.append(c == 0 ? "" : ", ").append("CS").append(c);
    }
    for (int a = 0; a < AGENTS; a++) {
      members.append(a == 0 ? "" : ", ").append("UA").append(a);
    }
    return "teams:\n"
        + "  - id: support\n"
        + "    channels: ["
        + channels
        + "]\n"
        + "    members: ["
        + members
        + "]\n"
        + "    intake: {mode: auto, group_window: 0s}\n";
  }

  private static int answered(BenchBot bot) {
    int answered = 0;
    for (int n = 1; ; n++) {
      Optional<SupportCase> c = bot.core().cases().findByNumber(BenchBot.TENANT, n);
      if (c.isEmpty()) {
        return answered;
      }
      if (c.get().firstResponseAt().isPresent()) {
        answered++;
      }
    }
  }

  /** When each case card (a post in the thread of a measured message) arrived, by that message. */
  private static Map<String, Long> cardsIn(FakeSlackApi slack, Map<String, Long> roots) {
    Map<String, Long> cards = new HashMap<>();
    for (FakeSlackApi.Posted p : slack.posts()) {
      String thread = threadOf(p);
      if (roots.containsKey(thread)) {
        cards.merge(thread, p.arrivedMillis(), Math::min);
      }
    }
    return cards;
  }

  private static String threadOf(FakeSlackApi.Posted p) {
    String t = p.call().param("thread_ts");
    return t == null ? "" : t;
  }
}
