package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.service.MessageReminder;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.FakeSlackApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Remind me about this" message shortcut, its modal and the submission, signed over HTTP. The
 * bot's clock stands at 09:00 UTC. {@code -Dgolden.write=true} writes the modal the bot opened into
 * the golden file.
 */
class RemindModalTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GOLDEN = Path.of("src/test/resources/golden/remind-modal.json");
  private static final String TS = "1795000100.000100";
  private static final String LINK = "https://slack.com/archives/C0SUPPORT/p1795000100000100";

  private final SlackTestBot bot =
      new SlackTestBot(
          CoreHarness.quiet(
              ConfigLoader.parse(
                  "followup.yaml",
                  "teams:\n"
                      + "  - id: support\n"
                      + "    channels: ["
                      + SlackTestBot.CHANNEL
                      + "]\n"
                      + "    members: [UANN, UBOB]\n")));

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void
      the_shortcut_opens_the_modal_an_hour_ahead_with_the_first_line_as_note_as_the_golden_file_shows()
          throws Exception {
    assertThat(shortcut(TS, null).status()).isEqualTo(200);

    JsonNode view = openedView();
    assertThat(view).isEqualTo(JSON.readTree(Files.readString(GOLDEN, StandardCharsets.UTF_8)));
    assertThat(view.at("/blocks/0/element/initial_date_time").asLong())
        .isEqualTo(Instant.parse("2026-11-23T10:00:00Z").getEpochSecond());
    assertThat(view.at("/blocks/1/element/initial_value").asText())
        .isEqualTo("Where is my refund?");
  }

  @Test
  void the_time_starts_an_hour_ahead_rounded_up_to_the_quarter_hour() {
    assertThat(RemindModal.defaultWhen(Instant.parse("2026-11-23T09:07:30Z")))
        .isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
    assertThat(RemindModal.defaultWhen(Instant.parse("2026-11-23T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  void a_long_first_line_is_cut_at_a_word_boundary() {
    String note = MessageReminder.noteFrom("word ".repeat(60) + "\nsecond line");
    assertThat(note)
        .endsWith("word…")
        .hasSizeLessThanOrEqualTo(MessageReminder.NOTE_FROM_MESSAGE + 1);
    assertThat(MessageReminder.noteFrom("  \n ")).isEmpty();
  }

  @Test
  void
      submitting_sets_a_reminder_for_the_submitter_that_links_to_the_message_and_comes_at_that_time()
          throws Exception {
    shortcut(TS, null);
    Instant at = Instant.parse("2026-11-23T10:30:00Z");

    SlackTestBot.Answer answer = submit(openedView(), at, "Check the refund went out", null, "V1");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("errors");
    Reminder r = bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(r.recipientId()).isEqualTo("UANN");
    assertThat(r.creatorId()).isEqualTo("UANN");
    assertThat(r.dueAt()).isEqualTo(at);
    assertThat(r.note()).contains("Check the refund went out");
    assertThat(r.link()).contains(LINK);
    assertThat(r.caseId()).isEmpty();
    FakeSlackApi.Call told = bot.slack.waitFor("chat.postEphemeral");
    assertThat(told.param("user")).isEqualTo("UANN");
    assertThat(told.param("channel")).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(told.param("text")).startsWith("Okay, I'll remind you").contains("reminder 1");

    bot.advance(Duration.ofMinutes(89));
    assertThat(bot.slack.postedIn("DUANN")).isEmpty();
    bot.advance(Duration.ofMinutes(1));
    List<FakeSlackApi.Posted> dms =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> bot.slack.postedIn("DUANN"), l -> !l.isEmpty());
    assertThat(dms.get(0).call().param("text")).isEqualTo("⏰ Reminder: Check the refund went out");
    JsonNode button =
        dms.get(0).call().json("blocks").findParents("url").stream()
            .filter(b -> b.path("type").asText().equals("button"))
            .findFirst()
            .orElseThrow();
    assertThat(button.path("url").asText()).isEqualTo(LINK);
    assertThat(button.path("text").path("text").asText()).isEqualTo("Open message");
    assertThat(button.path("action_id").asText()).startsWith(BlockKitRenderer.LINK_PREFIX);
    assertThat(dms.get(0).call().buttonValues()).contains("done 1", "snooze 1 20m");

    // Slack tells the app of a click on a link button too; it is acknowledged, and runs nothing.
    SlackTestBot.Answer clicked = linkClick(button.path("action_id").asText(), dms.get(0).ts());
    assertThat(clicked.status()).isEqualTo(200);
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().status())
        .isEqualTo(dev.followupbot.core.domain.ReminderStatus.DELIVERED);
  }

  @Test
  void where_the_bot_cannot_show_the_confirmation_beside_the_message_it_sends_it_directly()
      throws Exception {
    shortcut(TS, null);
    bot.slack.failNext("chat.postEphemeral", FakeSlackApi.error("channel_not_found"));

    submit(openedView(), Instant.parse("2026-11-23T10:30:00Z"), "Check", null, "V1");

    List<FakeSlackApi.Posted> dms =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> bot.slack.postedIn("DUANN"), l -> !l.isEmpty());
    assertThat(dms.get(0).text()).startsWith("Okay, I'll remind you");
  }

  @Test
  void an_empty_note_is_fine_and_says_what_the_reminder_is_for() throws Exception {
    shortcut(TS, null);

    submit(openedView(), Instant.parse("2026-11-23T10:30:00Z"), "  ", null, "V1");

    Reminder r = bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(r.note()).contains("follow up on this message");
    assertThat(r.link()).contains(LINK);
  }

  @Test
  void on_a_reply_the_link_opens_the_reply_in_its_thread() throws Exception {
    shortcut("1795000200.000100", TS);

    submit(openedView(), Instant.parse("2026-11-23T10:30:00Z"), "Answer Dana", null, "V1");

    Reminder r = bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(r.link())
        .contains(
            "https://slack.com/archives/C0SUPPORT/p1795000200000100?thread_ts="
                + TS
                + "&cid=C0SUPPORT");
    assertThat(bot.slack.waitFor("chat.postEphemeral").param("thread_ts")).isEqualTo(TS);
  }

  @Test
  void on_a_cases_root_message_the_reminder_is_about_that_case() throws Exception {
    bot.slash("UANN", "new Refund for Acme");
    var card = bot.cardOf(1);
    shortcut(card.messageId(), null);

    submit(openedView(), Instant.parse("2026-11-23T10:30:00Z"), "", null, "V1");

    Reminder r = bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(r.caseId())
        .contains(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().id());
    assertThat(r.note()).isEmpty();
  }

  @Test
  void a_time_that_has_passed_shows_its_error_in_the_modal_and_sets_nothing() throws Exception {
    shortcut(TS, null);

    SlackTestBot.Answer answer =
        submit(openedView(), Instant.parse("2026-11-23T08:59:00Z"), "Too late", null, "V1");

    assertThat(answer.json().path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.json().path("errors").path("when").asText()).contains("passed");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();

    // Slack keeps the view (and its id) open for a corrected submission, which then counts.
    submit(openedView(), Instant.parse("2026-11-23T09:30:00Z"), "In time", null, "V1");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isPresent();
  }

  @Test
  void tampered_private_metadata_is_refused_and_sets_nothing() throws Exception {
    shortcut(TS, null);
    JsonNode view = openedView();
    String tampered = view.path("private_metadata").asText().replace(TS, "1795000999.000100");

    SlackTestBot.Answer answer =
        submit(view, Instant.parse("2026-11-23T10:30:00Z"), "x", tampered, "V1");

    assertThat(answer.json().path("response_action").asText()).isEqualTo("errors");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void the_open_a_case_forms_metadata_does_not_open_this_form() throws Exception {
    ObjectNode caseShortcut = shortcutPayload(TS, null);
    caseShortcut.put("callback_id", CaseModal.SHORTCUT);
    post(caseShortcut);
    JsonNode caseView = openedView();

    SlackTestBot.Answer answer =
        submit(
            caseView,
            Instant.parse("2026-11-23T10:30:00Z"),
            "x",
            caseView.path("private_metadata").asText(),
            "V1");

    assertThat(answer.json().path("response_action").asText()).isEqualTo("errors");
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void a_submission_from_another_workspace_is_refused() throws Exception {
    shortcut(TS, null);

    SlackTestBot.Answer answer =
        submit(openedView(), Instant.parse("2026-11-23T10:30:00Z"), "x", null, "V1", "T0GLOBEX");

    assertThat(answer.status()).isIn(200, 401);
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void the_same_submission_delivered_twice_sets_one_reminder() throws Exception {
    shortcut(TS, null);
    JsonNode view = openedView();
    Instant at = Instant.parse("2026-11-23T10:30:00Z");

    submit(view, at, "Once", null, "V1");
    submit(view, at, "Once", null, "V1");

    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 1)).isPresent();
    assertThat(bot.storage.reminders().findByNumber(SlackTestBot.TENANT, 2)).isEmpty();
    assertThat(bot.storage.reminders().active(SlackTestBot.TENANT, "UANN", 10)).hasSize(1);
  }

  private JsonNode openedView() throws Exception {
    FakeSlackApi.Call open = bot.slack.waitFor("views.open");
    JsonNode view = JSON.readTree(open.param("view"));
    if (Boolean.getBoolean("golden.write")
        && RemindModal.CALLBACK.equals(view.path("callback_id").asText())) {
      Files.writeString(
          GOLDEN, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view) + "\n");
    }
    return view;
  }

  private SlackTestBot.Answer shortcut(String ts, String threadTs) {
    return post(shortcutPayload(ts, threadTs));
  }

  private ObjectNode shortcutPayload(String ts, String threadTs) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "message_action");
    p.put("callback_id", RemindModal.SHORTCUT);
    p.put("trigger_id", "13345224609.738474920.abc");
    p.put("message_ts", ts);
    p.put("response_url", bot.slack.responseUrl("shortcut"));
    p.putObject("team").put("id", SlackTestBot.TEAM).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("name", "ann").put("team_id", SlackTestBot.TEAM);
    p.putObject("channel").put("id", SlackTestBot.CHANNEL).put("name", "support");
    ObjectNode m = p.putObject("message");
    m.put("type", "message").put("ts", ts).put("text", "Where is my refund?\nOrder 1042.");
    m.put("user", "UCAROL");
    if (threadTs != null) {
      m.put("thread_ts", threadTs).put("parent_user_id", "UDANA");
    }
    return p;
  }

  private SlackTestBot.Answer linkClick(String actionId, String ts) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("user").put("id", "UANN").put("username", "uann").put("team_id", SlackTestBot.TEAM);
    p.put("api_app_id", "A0FOLLOWUP");
    p.putObject("container")
        .put("type", "message")
        .put("message_ts", ts)
        .put("channel_id", "DUANN")
        .put("is_ephemeral", false);
    p.putObject("channel").put("id", "DUANN").put("name", "directmessage");
    p.putObject("message").put("type", "message").put("ts", ts);
    p.put("response_url", bot.slack.responseUrl("link"));
    p.put("trigger_id", "13345224609.738474920.ghi");
    p.putObject("team").put("id", SlackTestBot.TEAM).put("domain", "acme");
    p.putArray("actions")
        .addObject()
        .put("action_id", actionId)
        .put("block_id", "b1")
        .put("type", "button")
        .put("url", LINK)
        .put("action_ts", "1795000000.000400")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", "Open message");
    return post(p);
  }

  private SlackTestBot.Answer post(ObjectNode payload) {
    return bot.postSigned(
        SlackTestBot.formBody(Map.of("payload", payload.toString())),
        okhttp3.MediaType.get("application/x-www-form-urlencoded"),
        Map.of());
  }

  private SlackTestBot.Answer submit(
      JsonNode opened, Instant when, String note, String metadata, String viewId) {
    return submit(opened, when, note, metadata, viewId, SlackTestBot.TEAM);
  }

  private SlackTestBot.Answer submit(
      JsonNode opened, Instant when, String note, String metadata, String viewId, String team) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "view_submission");
    p.putObject("team").put("id", team).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("name", "ann").put("team_id", team);
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("trigger_id", "13345224609.738474920.def");
    ObjectNode view = p.putObject("view");
    view.put("id", "V0REMIND" + viewId);
    view.put("team_id", team);
    view.put("type", "modal");
    view.put("callback_id", RemindModal.CALLBACK);
    view.put(
        "private_metadata", metadata != null ? metadata : opened.path("private_metadata").asText());
    ObjectNode values = view.putObject("state").putObject("values");
    values
        .putObject(RemindModal.WHEN)
        .putObject("value")
        .put("type", "datetimepicker")
        .put("selected_date_time", when.getEpochSecond());
    values
        .putObject(RemindModal.NOTE)
        .putObject("value")
        .put("type", "plain_text_input")
        .put("value", note);
    return bot.postSigned(
        SlackTestBot.formBody(Map.of("payload", p.toString())),
        okhttp3.MediaType.get("application/x-www-form-urlencoded"),
        Map.of());
  }
}
