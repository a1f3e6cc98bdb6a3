package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.JdbiStorage;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SlackMessenger against Slack's Web API (faked): one attempt per call, and every failure
 * classified so the core knows whether, and when, to try again.
 */
class SlackMessengerTest {

  private static final TenantId ACME = new TenantId(Platform.SLACK, FakeSlackApi.TEAM);
  private static final Message HELLO = Message.text("Hello & welcome");

  private final FakeSlackApi slack = new FakeSlackApi();
  private final Database database = TestDatabases.h2();
  private final Storage storage = JdbiStorage.on(database, MutableClock.at("2026-11-23T09:00:00Z"));
  private final Slack client = client(slack.apiUrl());
  private final SlackMessenger messenger = messenger(storage);

  private static Slack client(String apiUrl) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl);
    config.setStatsEnabled(false);
    return Slack.getInstance(config, SlackPlatform.httpClient(config));
  }

  private SlackMessenger messenger(Storage on) {
    return new SlackMessenger(
        SlackWebApi.on(client, "xoxb-1-test"), ACME, on.addresses(), new BlockKitRenderer());
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    database.close();
    slack.close();
  }

  private static Destination.Direct dmTo(String user) {
    return new Destination.Direct(new UserRef(ACME, user));
  }

  @Test
  void a_dm_opens_the_conversation_once_and_every_node_reuses_it() {
    MessageRef first = messenger.post(dmTo("UANN"), HELLO);
    assertThat(first.channel()).isEqualTo("DUANN");
    assertThat(first.messageId()).matches("\\d+\\.\\d{6}");
    messenger.post(dmTo("UANN"), HELLO);
    messenger(storage).post(dmTo("UANN"), HELLO);
    assertThat(slack.calls("conversations.open")).hasSize(1);
    assertThat(slack.postedIn("DUANN")).hasSize(3);
    FakeSlackApi.Call post = slack.calls("chat.postMessage").get(0);
    assertThat(post.param("text")).isEqualTo("Hello &amp; welcome");
    assertThat(post.param("unfurl_links")).isEqualTo("0");
    assertThat(post.authorization()).isEqualTo("Bearer xoxb-1-test");
  }

  @Test
  void channel_posts_and_updates_go_where_they_are_told() {
    MessageRef ref = messenger.post(new Destination.Channel(ACME, "C0SUPPORT"), HELLO);
    assertThat(ref.channel()).isEqualTo("C0SUPPORT");
    messenger.update(ACME, ref, Message.text("Changed"));
    FakeSlackApi.Call update = slack.calls("chat.update").get(0);
    assertThat(update.param("channel")).isEqualTo("C0SUPPORT");
    assertThat(update.param("ts")).isEqualTo(ref.messageId());
    assertThat(update.param("text")).isEqualTo("Changed");
    assertThat(slack.calls("conversations.open")).isEmpty();
  }

  @Test
  void pacing_is_about_one_post_per_second() {
    assertThat(messenger.pacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(messenger.platform()).isEqualTo(Platform.SLACK);
  }

  @Test
  void http_429_is_rate_limited_with_slacks_retry_after() {
    slack.failNext("chat.postMessage", FakeSlackApi.rateLimited(17));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            f -> {
              assertThat(f.permanent()).isFalse();
              assertThat(f.retryAfter()).contains(Duration.ofSeconds(17));
              assertThat(f.getMessage()).contains("HTTP 429").contains("17 s");
            });
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void server_errors_and_broken_connections_are_transient_and_not_retried_here() {
    slack.failNext("chat.postMessage", new MockResponse().setResponseCode(503));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            f -> {
              assertThat(f.permanent()).isFalse();
              assertThat(f.retryAfter()).isEmpty();
            });
    slack.failNext(
        "chat.update", new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    assertThatThrownBy(() -> messenger.update(ACME, new MessageRef("C1", "1.1"), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isFalse());
    slack.failNext("chat.postMessage", FakeSlackApi.error("internal_error"));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isFalse());
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    assertThat(slack.calls("chat.update")).hasSize(1);
  }

  @Test
  void a_post_on_a_connection_slack_closed_meanwhile_goes_again_on_a_fresh_one_and_arrives_once() {
    slack.closeConnectionsAfterEachAnswer();
    for (int i = 0; i < 3; i++) {
      messenger.post(new Destination.Channel(ACME, "C1"), HELLO);
    }
    assertThat(slack.postedIn("C1")).hasSize(3);
    assertThat(slack.calls("chat.postMessage")).hasSize(3);
  }

  @Test
  void a_post_slack_may_have_received_is_not_sent_again_by_the_http_client() {
    slack.failNext(
        "chat.postMessage",
        new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            f -> {
              assertThat(f.permanent()).isFalse();
              assertThat(f.outcomeUnknown()).as("the core looks it up first").isTrue();
            });
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void a_post_whose_answer_never_comes_has_an_unknown_outcome_other_failures_do_not() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    config.setStatsEnabled(false);
    config.setHttpClientReadTimeoutMillis(300);
    try (Slack impatient = Slack.getInstance(config, SlackPlatform.httpClient(config))) {
      SlackMessenger timesOut =
          new SlackMessenger(
              SlackWebApi.on(impatient, "xoxb-1-test"),
              ACME,
              storage.addresses(),
              new BlockKitRenderer());
      slack.failNext(
          "chat.postMessage", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      assertThatThrownBy(() -> timesOut.post(new Destination.Channel(ACME, "C1"), HELLO))
          .isInstanceOfSatisfying(
              DeliveryFailure.class,
              f -> {
                assertThat(f.permanent()).isFalse();
                assertThat(f.outcomeUnknown()).isTrue();
                assertThat(f.getMessage()).contains("chat.postMessage timed out");
              });
      // An update only edits in place: doing it again is harmless, so it is plainly transient.
      slack.failNext("chat.update", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      assertThatThrownBy(() -> timesOut.update(ACME, new MessageRef("C1", "1.1"), HELLO))
          .isInstanceOfSatisfying(
              DeliveryFailure.class, f -> assertThat(f.outcomeUnknown()).isFalse());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    slack.failNext("chat.postMessage", new MockResponse().setResponseCode(503));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .as("Slack answered: it did not post")
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.outcomeUnknown()).isFalse());
  }

  @Test
  void a_post_to_a_slack_that_refuses_the_connection_never_went_out() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (Slack nowhere = client("http://127.0.0.1:" + closed + "/api/")) {
      SlackMessenger refused =
          new SlackMessenger(
              SlackWebApi.on(nowhere, "xoxb-1-test"),
              ACME,
              storage.addresses(),
              new BlockKitRenderer());
      assertThatThrownBy(() -> refused.post(new Destination.Channel(ACME, "C1"), HELLO))
          .isInstanceOfSatisfying(
              DeliveryFailure.class,
              f -> {
                assertThat(f.permanent()).isFalse();
                assertThat(f.outcomeUnknown()).isFalse();
              });
    }
  }

  @Test
  void an_answer_that_is_not_json_is_transient_and_the_next_answer_reads_normally() {
    slack.failNext(
        "chat.postMessage",
        new MockResponse().setHeader("Content-Type", "application/json").setBody("<html>oops"));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isFalse());
    slack.failNext("chat.postMessage", new MockResponse().setBody(""));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isFalse());
    MessageRef ok = messenger.post(new Destination.Channel(ACME, "C1"), HELLO);
    assertThat(ok.channel()).isEqualTo("C1");
    assertThat(slack.calls("chat.postMessage")).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "token_revoked",
        "invalid_auth",
        "user_not_found",
        "msg_too_long"
      })
  void refusals_that_would_repeat_are_permanent(String error) {
    slack.failNext("chat.postMessage", FakeSlackApi.error(error));
    assertThatThrownBy(() -> messenger.post(new Destination.Channel(ACME, "C1"), HELLO))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            f -> {
              assertThat(f.permanent()).isTrue();
              assertThat(f.getMessage()).contains("chat.postMessage refused: " + error);
            });
  }

  @Test
  void a_person_who_cannot_be_messaged_fails_permanently_and_nothing_is_remembered() {
    slack.failNext("conversations.open", FakeSlackApi.error("user_not_found"));
    assertThatThrownBy(() -> messenger.post(dmTo("UGONE"), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isTrue());
    assertThat(storage.addresses().find(ACME, "slack-dm:UGONE")).isEmpty();
    assertThat(slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void a_message_for_another_workspace_is_refused_without_calling_slack() {
    TenantId globex = new TenantId(Platform.SLACK, "T0GLOBEX");
    assertThatThrownBy(
            () -> messenger.post(new Destination.Direct(new UserRef(globex, "UEVE")), HELLO))
        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.permanent()).isTrue());
    assertThatThrownBy(() -> messenger.update(globex, new MessageRef("C1", "1.1"), HELLO))
        .isInstanceOf(DeliveryFailure.class);
    assertThat(slack.calls()).isEmpty();
  }

  @Test
  void response_urls_are_only_posted_to_when_they_point_at_slack() {
    ResponseUrls urls = new ResponseUrls(client, URI.create(slack.apiUrl()));
    assertThat(urls.allowed("https://hooks.slack.com/actions/T1/123/abc")).isTrue();
    assertThat(urls.allowed(slack.responseUrl("actions/1"))).isTrue();
    assertThat(urls.allowed("http://hooks.slack.com/actions/T1/123/abc")).isFalse();
    assertThat(urls.allowed("https://hooks.slack.com:8443/actions/T1")).isFalse();
    assertThat(urls.allowed("https://hooks.slack.com.evil.example/actions")).isFalse();
    assertThat(urls.allowed("https://evil.example/hooks.slack.com")).isFalse();
    assertThat(urls.allowed("https://user@hooks.slack.com/actions")).isFalse();
    assertThat(urls.allowed("https://slack.com/api/chat.postMessage")).isFalse();
    assertThat(urls.allowed("not a url")).isFalse();
    assertThat(urls.allowed(null)).isFalse();
    assertThat(
            urls.post(
                "https://evil.example/steal",
                com.slack.api.app_backend.interactive_components.response.ActionResponse.builder()
                    .text("x")
                    .build()))
        .isFalse();
    assertThat(slack.calls()).isEmpty();
  }
}
