package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.WakeUp;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} and {@code /healthz} after a scripted working day: a case from the helpdesk,
 * nudges, a claim, a reminder Slack first refuses with 429, a resolution. Slack's Web API is played
 * by a MockWebServer.
 */
class ObservabilityTest {

  private static final String TOKEN = "acme-0123456789abcdef0123456789abcdef";
  private static final TenantId ACME = new TenantId(Platform.SLACK, "T0ACME");

  @TempDir Path dir;
  private final MockWebServer slack = new MockWebServer();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger rateLimitNextPosts = new AtomicInteger();
  private LiveServer live;

  @BeforeEach
  void start() throws Exception {
    slack.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath() == null ? "" : request.getPath();
            MockResponse json = new MockResponse().setHeader("Content-Type", "application/json");
            if (path.startsWith("/api/auth.test")) {
              return json.setBody(
                  "{\"ok\":true,\"team\":\"Acme\",\"team_id\":\"T0ACME\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}");
            }
            calls.add(path);
            if (path.startsWith("/api/conversations.open")) {
              return json.setBody("{\"ok\":true,\"channel\":{\"id\":\"D0ANN\"}}");
            }
            if (path.startsWith("/api/chat.postMessage")) {
              if (rateLimitNextPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return json.setResponseCode(429)
                    .setHeader("Retry-After", "1")
                    .setBody("{\"ok\":false,\"error\":\"ratelimited\"}");
              }
              return json.setBody("{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1895.0001\"}");
            }
            if (path.startsWith("/api/chat.update")) {
              return json.setBody("{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1895.0001\"}");
            }
            return json.setBody("{\"ok\":false,\"error\":\"unknown_method\"}");
          }
        });
    slack.start(InetAddress.getLoopbackAddress(), 0);
    live =
        new LiveServer(
            dir,
            """
            teams:
              - id: support
                channels: [C0SUPPORT]
                leads: [ULEE]
                unclaimed:
                  nudge_after: 1m
                  escalation: [{after: 1m, action: mention_leads}]
                nudges: {group_window: 0s}
            """,
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "slack:T0ACME=" + TOKEN,
                "SLACK_BOT_TOKEN",
                "xoxb-9-observability",
                "SLACK_SIGNING_SECRET",
                "observability-signing-secret",
                "SLACK_API_URL",
                slack.url("/api/").toString()));
  }

  @AfterEach
  void stop() throws Exception {
    live.close();
    slack.shutdown();
  }

  private LiveServer.Answer api(String method, String path, String json) {
    LiveServer.Answer a = live.send(method, path, TOKEN, json);
    assertThat(a.code()).as(a.text()).isLessThan(300);
    return a;
  }

  private long posts() {
    return calls.stream().filter(c -> c.startsWith("/api/chat.postMessage")).count();
  }

  /**
   * Waits until Slack has had {@code n} posts and the bot has recorded what Slack answered, so that
   * moving the clock afterwards cannot change the times the bot records for them.
   */
  private void awaitPosts(long n) {
    await().atMost(Duration.ofSeconds(10)).until(() -> posts() == n && live.nothingInFlight());
  }

  /** The value of one series in Prometheus' text format, e.g. {@code name{a="b"}}. */
  private static double value(String metrics, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
            .matcher(metrics);
    assertThat(m.find()).as("series " + series + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metrics_and_health_tell_how_the_bot_is_doing_after_a_working_day() {
    api(
        "POST",
        "/api/v1/cases",
        "{\"external_ref\":\"ZD-1\",\"subject\":\"Refund\",\"team\":\"support\"}");
    awaitPosts(1); // the case card

    live.clock.advance(Duration.ofMinutes(2));
    long id = live.core().cases().findByNumber(ACME, 1).orElseThrow().id();
    live.core().wakeUps().wake(new WakeUp.CaseTimers(ACME, id)); // as Quartz would at 1 and 2 min
    live.clock.advance(Duration.ofSeconds(2)); // Slack's pace: one post per channel per second
    live.sweep();
    awaitPosts(3); // the nudge, then the leads

    live.clock.advance(Duration.ofSeconds(58));
    api("POST", "/api/v1/cases/1/claim", "{\"actor\":\"UANN\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> calls.stream().anyMatch(c -> c.startsWith("/api/chat.update")));

    api(
        "POST",
        "/api/v1/reminders",
        "{\"recipient\":\"UANN\",\"due_at\":\"2030-01-07T09:04:00Z\",\"case\":1}");
    rateLimitNextPosts.set(1);
    live.clock.advance(Duration.ofMinutes(2));
    live.sweep(); // the reminder is overdue: Slack answers 429
    awaitPosts(4);
    live.clock.advance(Duration.ofSeconds(5));
    live.sweep(); // after Retry-After it goes out
    awaitPosts(5);

    live.clock.advance(Duration.ofMinutes(10));
    api("POST", "/api/v1/cases/1/resolve", "{\"actor\":\"UANN\"}");
    live.send("GET", "/api/v1/cases/1", "wrong-token-0123456789abcdef0123456789", null);

    assertThat(live.send("GET", "/healthz", null, null).text()).isEqualTo("{\"status\":\"ok\"}");
    LiveServer.Answer health = live.management("/healthz");
    JsonNode report = health.json();
    assertThat(report.at("/platforms/slack").asText()).isEqualTo("on");
    assertThat(report.at("/last_successful_call/slack").asText()).startsWith("2030-01-07T09:");

    LiveServer.Answer scrape = live.management("/metrics");
    assertThat(scrape.code()).isEqualTo(200);
    assertThat(scrape.header("Content-Type")).startsWith("text/plain");
    String m = scrape.text();
    assertThat(value(m, "followup_reminders_scheduled_total{kind=\"follow_up\"}")).isEqualTo(1);
    assertThat(value(m, "followup_reminders_delivered_total{kind=\"follow_up\"}")).isEqualTo(1);
    assertThat(value(m, "followup_reminders_failed_total{kind=\"follow_up\"}")).isZero();
    assertThat(value(m, "followup_reminder_lateness_seconds_count")).isEqualTo(1);
    assertThat(value(m, "followup_reminder_lateness_seconds_sum")).isEqualTo(65);
    assertThat(value(m, "followup_reminder_lateness_seconds_bucket{le=\"60.0\"}")).isZero();
    assertThat(value(m, "followup_reminder_lateness_seconds_bucket{le=\"300.0\"}")).isEqualTo(1);
    assertThat(value(m, "followup_nudges_sent_total{kind=\"unclaimed\"}")).isEqualTo(2);
    assertThat(value(m, "followup_escalations_sent_total{kind=\"unclaimed\"}")).isEqualTo(1);
    assertThat(value(m, "followup_cases{status=\"resolved\"}")).isEqualTo(1);
    assertThat(value(m, "followup_cases{status=\"unclaimed\"}")).isZero();
    assertThat(value(m, "followup_case_time_to_claim_seconds_count")).isEqualTo(1);
    assertThat(value(m, "followup_case_time_to_claim_seconds_sum")).isEqualTo(180);
    assertThat(value(m, "followup_case_time_to_resolve_seconds_sum")).isEqualTo(15 * 60 + 5);
    assertThat(
            value(
                m,
                "followup_platform_calls_total{operation=\"post\",outcome=\"ok\",platform=\"slack\"}"))
        .as("the card, two nudges, the reminder")
        .isEqualTo(4);
    assertThat(
            value(
                m,
                "followup_platform_calls_total{operation=\"post\",outcome=\"rate_limited\",platform=\"slack\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                m,
                "followup_platform_calls_total{operation=\"update\",outcome=\"ok\",platform=\"slack\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(m, "followup_delivery_retries_total{target=\"slack\"}")).isEqualTo(1);
    assertThat(value(m, "followup_quartz_misfires_total")).isZero();
    assertThat(value(m, "followup_webhook_deliveries_total{outcome=\"delivered\"}")).isZero();
    assertThat(
            value(
                m,
                "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/cases\",status=\"201\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                m,
                "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/cases/{number}/claim\",status=\"200\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                m,
                "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/cases/{number}\",status=\"401\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                m,
                "http_server_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"}"))
        .isEqualTo(1);
    assertThat(m).doesNotContain("T0ACME").doesNotContain("UANN").doesNotContain("ZD-1");
    assertThat(m).contains("jvm_memory_used_bytes");
  }
}
