package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 7: one node on its H2 file is killed with {@code kill -9} while a send is in flight,
 * and started again on the same data under another name (a container restarted with a new host name
 * is a new instance). Whatever it was sending is settled at start-up, not when the claim grows old:
 * looked up in Slack by its metadata key and recorded with its address if Slack has it, sent once
 * (without a "possible repeat" note) if not. Each case prints the time from the restart to settled,
 * which stays under 30 s, and ends with every message in Slack exactly once.
 */
class InterruptedSendIT {

  /** The promise: the sweep interval plus the lookup, with room to spare for a slow machine. */
  static final long SETTLED_WITHIN_MS = 30_000;

  @TempDir Path dir;

  private Map<String, String> env(FakeSlackApi slack, String name) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(ServeNode.env(dir.resolve("node"), slack));
    env.put("FOLLOWUP_NODE_ID", name);
    return env;
  }

  /** Waits for {@code done} up to the deadline; returns when it came, or fails. */
  static long awaitMillis(String what, long deadlineMillis, BooleanSupplier done, ServeNode node)
      throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadlineMillis) {
        throw new AssertionError(what + " did not happen in time; the node said:\n" + tail(node));
      }
      Thread.sleep(100);
    }
    return System.currentTimeMillis();
  }

  static String tail(ServeNode node) {
    return ClusterFailoverIT.tail(node.output());
  }

  /** Prints the figure, with what the node said about it. */
  static void report(String what, long millis, ServeNode node) {
    report(what, millis, "the restart", node);
  }

  /** Prints the figure, counted from {@code since}, with what the node said about it. */
  static void report(String what, long millis, String since, ServeNode node) {
    System.out.printf("%s: settled %d ms after %s%n", what, millis, since);
    node.output()
        .lines()
        .filter(l -> l.contains("settled") || l.contains("stopped") || l.contains("up on"))
        .forEach(l -> System.out.println("  node: " + l));
  }

  /** Sets a reminder for U1 with this note, due in three seconds. */
  static void remind(ServeNode node, String note) throws Exception {
    String json =
        "{\"recipient\":\"U1\",\"due_at\":\""
            + Instant.now().plusSeconds(3)
            + "\",\"note\":\""
            + note
            + "\",\"actor\":\"UBOSS\"}";
    assertThat(node.api("POST", "/reminders", json).code()).isEqualTo(201);
  }

  static JsonNode reminder(ServeNode node, int number) throws Exception {
    return node.api("GET", "/reminders/" + number, null).json();
  }

  static List<FakeSlackApi.Posted> postsWith(FakeSlackApi slack, String text) {
    return slack.posts().stream().filter(p -> p.text().contains(text)).toList();
  }

  @Test
  void a_reminder_slack_got_but_never_answered_is_recorded_at_start_up_not_sent_again()
      throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("stretch-accepted", FakeSlackApi.Held.ACCEPTED);
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-a"))) {
        remind(node, "stretch-accepted");
        assertThat(slack.awaitHeldPosts(1, 60)).as("the reminder reached Slack").isTrue();
        node.kill();
      }
      slack.release();
      long restarted = System.currentTimeMillis();
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-b"))) {
        awaitMillis(
            "the reminder recorded as delivered", restarted + 60_000, () -> delivered(node), node);
        long settled =
            Instant.parse(reminder(node, 1).path("delivered_at").asText()).toEpochMilli()
                - restarted;
        report("reminder Slack had", settled, node);
        assertThat(node.output())
            .as("settled at start-up, before anything new went out")
            .contains("cut off when the previous process stopped");
        assertThat(settled).isLessThan(SETTLED_WITHIN_MS);
        Thread.sleep(3000); // a second copy could still be on its way: give it time to show
        assertThat(postsWith(slack, "stretch-accepted")).hasSize(1);
        assertThat(node.output()).contains("the platform has it, so it is not sent again");
      }
    }
  }

  private static boolean delivered(ServeNode node) {
    try {
      return reminder(node, 1).path("status").asText().equals("delivered");
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void a_reminder_slack_held_and_failed_is_sent_once_at_start_up_without_a_repeat_note()
      throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("stretch-failed", FakeSlackApi.Held.FAILED);
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-a"))) {
        remind(node, "stretch-failed");
        assertThat(slack.awaitHeldPosts(1, 60)).as("the post reached Slack").isTrue();
        node.kill();
      }
      slack.release();
      long restarted = System.currentTimeMillis();
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-b"))) {
        long arrived =
            awaitMillis(
                "the reminder's arrival",
                restarted + 60_000,
                () -> !postsWith(slack, "stretch-failed").isEmpty(),
                node);
        report("reminder Slack never got", arrived - restarted, node);
        assertThat(node.output())
            .as("settled at start-up, before anything new went out")
            .contains("cut off when the previous process stopped");
        assertThat(arrived - restarted).isLessThan(SETTLED_WITHIN_MS);
        Thread.sleep(3000);
        List<FakeSlackApi.Posted> posts = postsWith(slack, "stretch-failed");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).text()).doesNotContain("repeat");
        assertThat(delivered(node)).isTrue();
      }
    }
  }

  /**
   * Slack's client gives up on an answer after 10 s; the fake holds this one for longer, with the
   * bot alive throughout. Its outcome is unknown, so it is looked up before it is sent again.
   */
  @Test
  void a_reminder_slack_took_but_never_answered_while_the_bot_lived_is_looked_up_not_sent_again()
      throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("stretch-unanswered", FakeSlackApi.Held.ACCEPTED);
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-a"))) {
        remind(node, "stretch-unanswered");
        assertThat(slack.awaitHeldPosts(1, 60)).as("the reminder reached Slack").isTrue();
        long posted = System.currentTimeMillis();
        awaitMillis(
            "the reminder recorded as delivered", posted + 45_000, () -> delivered(node), node);
        long settled =
            Instant.parse(reminder(node, 1).path("delivered_at").asText()).toEpochMilli() - posted;
        report("reminder Slack took, answer timed out", settled, "the post reached Slack", node);
        assertThat(node.output())
            .contains("went out without an answer; the platform has it, so it is not sent again");
        slack.release();
        Thread.sleep(3000); // a second copy could still be on its way: give it time to show
        assertThat(postsWith(slack, "stretch-unanswered")).hasSize(1);
      }
    }
  }

  @Test
  void a_reminder_slack_held_and_never_took_while_the_bot_lived_is_sent_once_without_a_note()
      throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("stretch-untaken", FakeSlackApi.Held.FAILED);
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-a"))) {
        remind(node, "stretch-untaken");
        assertThat(slack.awaitHeldPosts(1, 60)).as("the post reached Slack").isTrue();
        long held = System.currentTimeMillis();
        long arrived =
            awaitMillis(
                "the reminder's arrival",
                held + 45_000,
                () -> !postsWith(slack, "stretch-untaken").isEmpty(),
                node);
        report(
            "reminder Slack never took, answer timed out",
            arrived - held,
            "the post reached Slack",
            node);
        assertThat(node.output()).contains("went out without an answer and never arrived");
        slack.release();
        Thread.sleep(3000);
        List<FakeSlackApi.Posted> posts = postsWith(slack, "stretch-untaken");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).text()).doesNotContain("repeat");
        assertThat(delivered(node)).isTrue();
      }
    }
  }

  @Test
  void a_case_card_in_flight_keeps_its_address_and_a_claim_after_the_restart_updates_it()
      throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi()) {
      slack.holdPost("Printer on fire", FakeSlackApi.Held.ACCEPTED);
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-a"))) {
        String json = "{\"subject\":\"Printer on fire\",\"channel\":\"CSUP\",\"actor\":\"U1\"}";
        assertThat(node.api("POST", "/cases", json).code()).isEqualTo(201);
        assertThat(slack.awaitHeldPosts(1, 60)).as("the card reached Slack").isTrue();
        node.kill();
      }
      slack.release();
      long restarted = System.currentTimeMillis();
      try (ServeNode node = ServeNode.start(dir, env(slack, "box-b"))) {
        assertThat(node.api("POST", "/cases/1/claim", "{\"actor\":\"U2\"}").code()).isEqualTo(200);
        FakeSlackApi.Posted card = postsWith(slack, "Printer on fire").get(0);
        long updated =
            awaitMillis(
                "the card's update after the claim",
                restarted + 60_000,
                () -> updatedTo(slack, card, "U2"),
                node);
        report("case card, then a claim", updated - restarted, node);
        assertThat(node.output())
            .as("settled at start-up, before anything new went out")
            .contains("cut off when the previous process stopped");
        assertThat(updated - restarted).isLessThan(SETTLED_WITHIN_MS);
        assertThat(node.api("POST", "/cases/1/resolve", "{\"actor\":\"U2\"}").code())
            .isEqualTo(200);
        awaitMillis(
            "the card's update after resolving",
            System.currentTimeMillis() + 15_000,
            () -> updatedTo(slack, card, "resolved"),
            node);
        Thread.sleep(2000);
        assertThat(postsWith(slack, "Printer on fire")).as("one card, never a second").hasSize(1);
        assertThat(slack.updates()).allMatch(u -> u.ts().equals(card.ts()));
      }
    }
  }

  /** Whether Slack got an update of {@code card}, in place, reading {@code text}. */
  static boolean updatedTo(FakeSlackApi slack, FakeSlackApi.Posted card, String text) {
    return slack.updates().stream()
        .anyMatch(
            u ->
                u.channel().equals(card.channel())
                    && u.ts().equals(card.ts())
                    && u.text().contains(text));
  }

  @Test
  void a_webhook_event_in_flight_is_sent_again_at_start_up_with_its_event_id() throws Exception {
    try (FakeSlackApi slack = new FakeSlackApi();
        HookReceiver hooks = new HookReceiver()) {
      hooks.holdFirst();
      Map<String, String> first = withHook(env(slack, "box-a"), hooks);
      try (ServeNode node = ServeNode.start(dir, first)) {
        String json = "{\"subject\":\"Webhook case\",\"channel\":\"CSUP\",\"actor\":\"U1\"}";
        assertThat(node.api("POST", "/cases", json).code()).isEqualTo(201);
        assertThat(hooks.awaitHeld(60)).as("the event reached the receiver").isTrue();
        node.kill();
      }
      hooks.release();
      String eventId = hooks.received().get(0).eventId();
      long restarted = System.currentTimeMillis();
      try (ServeNode node = ServeNode.start(dir, withHook(env(slack, "box-b"), hooks))) {
        long again =
            awaitMillis(
                "the event sent again",
                restarted + 60_000,
                () ->
                    hooks.received().stream()
                        .anyMatch(r -> r.eventId().equals(eventId) && r.answered()),
                node);
        report("webhook event", again - restarted, node);
        assertThat(node.output())
            .as("settled at start-up, before anything new went out")
            .contains("cut off when the previous process stopped");
        assertThat(again - restarted).isLessThan(SETTLED_WITHIN_MS);
        Thread.sleep(2000);
        assertThat(
                hooks.received().stream()
                    .filter(r -> r.eventId().equals(eventId) && r.answered())
                    .count())
            .as("acknowledged once, under the same event id")
            .isEqualTo(1);
        assertThat(postsWith(slack, "Webhook case")).hasSize(1);
      }
    }
  }

  private Map<String, String> withHook(Map<String, String> env, HookReceiver hooks)
      throws Exception {
    Path config = Path.of(env.get("FOLLOWUP_CONFIG"));
    Files.writeString(
        config,
        ServeNode.quietConfig()
            + "webhooks:\n  - url: "
            + hooks.url()
            + "\n    secret_env: HOOK_SECRET\n");
    env.put("HOOK_SECRET", "whsec-fault-0123456789abcdef");
    return env;
  }
}
