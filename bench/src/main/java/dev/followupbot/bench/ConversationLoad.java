package dev.followupbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.slack.SlackSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The load of {@link ConversationStorm}: signed Events API deliveries sent open loop at a steady
 * rate, a top-level message and then, {@code REPLY_LAG} events later, an agent's reply in its
 * thread.
 */
final class ConversationLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** How many events after a message its agent's reply comes (odd: a reply follows a message). */
  private static final int REPLY_LAG = 11;

  private ConversationLoad() {}

  record Load(Stats ack, long errors, int sent, int replies) {}

  /**
   * {@code perMinute} events for {@code duration}, open loop: each has a planned start and its
   * acknowledgement counts from that plan. Top-level messages' planned sending times (epoch ms) are
   * recorded in {@code sentAt}, by their ts.
   */
  static Load once(
      String url, int perMinute, Duration duration, Map<String, Long> sentAt, String prefix)
      throws Exception {
    int clients = 32;
    long total = perMinute * duration.toSeconds() / 60;
    long period = 60_000_000_000L / perMinute;
    long beginNanos = System.nanoTime() + 50_000_000L;
    long beginMillis = System.currentTimeMillis() + 50;
    long base = beginMillis / 1000 * 1000;
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong replies = new AtomicLong();
    ConcurrentLinkedQueue<Double> acks = new ConcurrentLinkedQueue<>();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(clients, 1, TimeUnit.MINUTES))
            .callTimeout(Duration.ofSeconds(30))
            .build();
    SlackSignatureVerifier signer = new SlackSignatureVerifier(BenchBot.SECRET, Clock.systemUTC());
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < clients; w++) {
      Thread t =
          new Thread(
              () -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                  long planned = beginNanos + i * period;
                  long wait;
                  while ((wait = planned - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  long plannedMillis = beginMillis + (planned - beginNanos) / 1_000_000;
                  // Even events are requesters' messages; odd ones an agent's reply to the message
                  // sent REPLY_LAG events before, as an agent answers a little later. The first few
                  // odd events are agents' own top-level posts, which open nothing.
                  ObjectNode event;
                  if (i % 2 == 0) {
                    String ts = ts(base, i);
                    sentAt.put(ts, plannedMillis);
                    event =
                        message(
                            channel(i), ts, null, "UR" + (i / 2) % ConversationStorm.REQUESTERS);
                  } else if (i >= REPLY_LAG) {
                    long root = i - REPLY_LAG;
                    event =
                        message(
                            channel(root),
                            ts(base, i),
                            ts(base, root),
                            "UA" + (i / 2) % ConversationStorm.AGENTS);
                    replies.incrementAndGet();
                  } else {
                    event =
                        message(
                            channel(i),
                            ts(base, i),
                            null,
                            "UA" + (i / 2) % ConversationStorm.AGENTS);
                  }
                  String body = envelope(prefix + "-" + i, event).toString();
                  send(http, signer, url, body, errors);
                  acks.add((System.nanoTime() - planned) / 1e6);
                }
              },
              "bench-conversation-" + w);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    return new Load(Stats.of(acks), errors.get(), (int) total, (int) replies.get());
  }

  private static String channel(long i) {
    return "CS" + (i / 2) % ConversationStorm.CHANNELS;
  }

  /** A unique Slack ts for the i-th event of a run starting at {@code baseMillis}. */
  private static String ts(long baseMillis, long i) {
    return String.format(Locale.ROOT, "%d.%06d", baseMillis / 1000 + i / 1_000_000, i % 1_000_000);
  }

  private static ObjectNode message(String channel, String ts, String threadTs, String user) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "message");
    e.put("channel", channel);
    e.put("user", user);
    e.put("text", threadTs == null ? "Our export fails with error E" + ts : "Looking at it now");
    e.put("ts", ts);
    if (threadTs != null) {
      e.put("thread_ts", threadTs);
    }
    e.put("channel_type", "channel");
    e.put("event_ts", ts);
    e.put("team", FakeSlackApi.TEAM);
    return e;
  }

  private static ObjectNode envelope(String eventId, ObjectNode event) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy");
    envelope.put("team_id", FakeSlackApi.TEAM);
    envelope.put("api_app_id", "A0BENCH");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", System.currentTimeMillis() / 1000);
    envelope
        .putArray("authorizations")
        .addObject()
        .putNull("enterprise_id")
        .put("team_id", FakeSlackApi.TEAM)
        .put("user_id", FakeSlackApi.BOT_USER)
        .put("is_bot", true)
        .put("is_enterprise_install", false);
    envelope.put("is_ext_shared_channel", false);
    return envelope;
  }

  private static void send(
      OkHttpClient http,
      SlackSignatureVerifier signer,
      String url,
      String json,
      AtomicLong errors) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    Request request =
        new Request.Builder()
            .url(url)
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", signer.sign(ts, body))
            .post(RequestBody.create(body, JSON_TYPE))
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
