package dev.followupbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.FakeSlackApi;
import dev.followupbot.core.testing.TeamYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Open a case" message shortcut, its modal and the submission, signed over HTTP. {@code
 * -Dgolden.write=true} writes the modal the bot opened into the golden file.
 */
class CaseModalTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GOLDEN = Path.of("src/test/resources/golden/case-modal.json");

  private final SlackTestBot bot =
      new SlackTestBot(
          CoreHarness.quiet(
              ConfigLoader.parse(
                  "followup.yaml",
                  TeamYaml.team("support")
                      .channels(SlackTestBot.CHANNEL)
                      .members("UANN", "UBOB")
                      .yaml())));

  @AfterEach
  void stop() throws Exception {
    bot.close();
  }

  @Test
  void the_shortcut_opens_the_modal_prefilled_from_the_message_as_the_golden_file_shows()
      throws Exception {
    assertThat(shortcut("1795000100.000100", null).status()).isEqualTo(200);

    JsonNode view = openedView();
    assertThat(view).isEqualTo(JSON.readTree(Files.readString(GOLDEN, StandardCharsets.UTF_8)));
  }

  @Test
  void submitting_opens_the_case_from_that_message_with_the_forms_fields_and_owner()
      throws Exception {
    shortcut("1795000100.000100", null);

    SlackTestBot.Answer answer = submit(openedView(), "Refund missing", "high", "UBOB", null);

    assertThat(answer.status()).isEqualTo(200);
    SupportCase c = bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(c.subject()).isEqualTo("Refund missing");
    assertThat(c.priority()).isEqualTo(Priority.HIGH);
    assertThat(c.ownerId()).contains("UBOB");
    assertThat(c.createdBy()).isEqualTo("UANN");
    assertThat(c.source().get().messageId()).isEqualTo("1795000100.000100");
    assertThat(c.source().get().requesterId()).isEqualTo("UCAROL");
    assertThat(bot.slack.waitFor("chat.postMessage").param("thread_ts"))
        .isEqualTo("1795000100.000100");
  }

  @Test
  void the_shortcut_on_a_reply_makes_the_thread_root_the_source() throws Exception {
    shortcut("1795000200.000100", "1795000100.000100");

    submit(openedView(), "Refund missing", "normal", null, null);

    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow().source().get())
        .satisfies(s -> assertThat(s.messageId()).isEqualTo("1795000100.000100"))
        .satisfies(s -> assertThat(s.requesterId()).isEqualTo("UDANA"));
  }

  @Test
  void a_bare_followup_opens_the_new_case_form_and_its_case_lives_in_the_channel()
      throws Exception {
    assertThat(bot.slash("UANN", "new").status()).isEqualTo(200);
    JsonNode view = openedView();
    assertThat(view.at("/blocks/0/element/initial_value").isMissingNode()).isTrue();

    submit(view, "Printer on fire", "urgent", "UANN", null);

    SupportCase c = bot.core.cases().findByNumber(SlackTestBot.TENANT, 1).orElseThrow();
    assertThat(c.subject()).isEqualTo("Printer on fire");
    assertThat(c.channelId()).isEqualTo(SlackTestBot.CHANNEL);
    assertThat(c.source()).isEmpty();
    assertThat(c.ownerId()).contains("UANN");
    assertThat(bot.slack.waitFor("chat.postMessage").param("thread_ts")).isNull();
  }

  @Test
  void an_empty_subject_shows_its_error_in_the_modal_and_creates_nothing() throws Exception {
    shortcut("1795000100.000100", null);

    SlackTestBot.Answer answer = submit(openedView(), "   ", "high", null, null);

    assertThat(answer.json().path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.json().path("errors").path("subject").asText()).contains("subject");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void tampered_private_metadata_is_refused_and_creates_nothing() throws Exception {
    shortcut("1795000100.000100", null);
    ObjectNode view = (ObjectNode) openedView();
    String tampered =
        view.path("private_metadata").asText().replace("1795000100.000100", "1795000999.000100");

    SlackTestBot.Answer answer = submit(view, "Refund missing", "high", null, tampered);

    assertThat(answer.json().path("response_action").asText()).isEqualTo("errors");
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void a_submission_from_another_workspace_is_refused() throws Exception {
    shortcut("1795000100.000100", null);
    JsonNode view = openedView();

    SlackTestBot.Answer answer = submit(view, "Refund missing", "high", null, null, "T0GLOBEX");

    assertThat(answer.status()).isIn(200, 401);
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  @Test
  void closing_the_form_unsent_is_acknowledged_and_creates_nothing() throws Exception {
    shortcut("1795000100.000100", null);
    assertThat(openedView().path("notify_on_close").asBoolean()).isTrue();
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "view_closed");
    p.putObject("team").put("id", SlackTestBot.TEAM).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("name", "ann").put("team_id", SlackTestBot.TEAM);
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("is_cleared", false);
    ObjectNode view = p.putObject("view");
    view.put("id", "V0CLOSED").put("team_id", SlackTestBot.TEAM).put("type", "modal");
    view.put("callback_id", CaseModal.CALLBACK);

    SlackTestBot.Answer answer =
        bot.postSigned(
            SlackTestBot.formBody(Map.of("payload", p.toString())),
            okhttp3.MediaType.get("application/x-www-form-urlencoded"),
            Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(bot.core.cases().findByNumber(SlackTestBot.TENANT, 1)).isEmpty();
  }

  private JsonNode openedView() throws Exception {
    FakeSlackApi.Call open = bot.slack.waitFor("views.open");
    JsonNode view = JSON.readTree(open.param("view"));
    if (Boolean.getBoolean("golden.write")) {
      Files.writeString(
          GOLDEN, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view) + "\n");
    }
    return view;
  }

  private SlackTestBot.Answer shortcut(String ts, String threadTs) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "message_action");
    p.put("callback_id", CaseModal.SHORTCUT);
    p.put("trigger_id", "13345224609.738474920.abc");
    p.put("message_ts", ts);
    p.put("response_url", bot.slack.responseUrl("shortcut"));
    p.putObject("team").put("id", SlackTestBot.TEAM).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("name", "ann").put("team_id", SlackTestBot.TEAM);
    p.putObject("channel").put("id", SlackTestBot.CHANNEL).put("name", "support");
    ObjectNode m = p.putObject("message");
    m.put("type", "message").put("ts", ts).put("text", "Where is my refund?\nOrder 1042.");
    if (threadTs == null) {
      m.put("user", "UCAROL");
    } else {
      m.put("user", "UCAROL").put("thread_ts", threadTs).put("parent_user_id", "UDANA");
    }
    return bot.postSigned(
        SlackTestBot.formBody(Map.of("payload", p.toString())),
        okhttp3.MediaType.get("application/x-www-form-urlencoded"),
        Map.of());
  }

  private SlackTestBot.Answer submit(
      JsonNode opened, String subject, String priority, String owner, String metadata) {
    return submit(opened, subject, priority, owner, metadata, SlackTestBot.TEAM);
  }

  private SlackTestBot.Answer submit(
      JsonNode opened,
      String subject,
      String priority,
      String owner,
      String metadata,
      String team) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "view_submission");
    p.putObject("team").put("id", team).put("domain", "acme");
    p.putObject("user").put("id", "UANN").put("name", "ann").put("team_id", team);
    p.put("api_app_id", "A0FOLLOWUP");
    p.put("trigger_id", "13345224609.738474920.def");
    ObjectNode view = p.putObject("view");
    view.put("id", "V0CASE" + System.nanoTime());
    view.put("team_id", team);
    view.put("type", "modal");
    view.put("callback_id", CaseModal.CALLBACK);
    view.put(
        "private_metadata", metadata != null ? metadata : opened.path("private_metadata").asText());
    ObjectNode values = view.putObject("state").putObject("values");
    values
        .putObject("subject")
        .putObject("value")
        .put("type", "plain_text_input")
        .put("value", subject);
    values
        .putObject("customer")
        .putObject("value")
        .put("type", "plain_text_input")
        .putNull("value");
    values
        .putObject("priority")
        .putObject("value")
        .put("type", "static_select")
        .putObject("selected_option")
        .put("value", priority);
    ObjectNode o = values.putObject("owner").putObject("value").put("type", "users_select");
    if (owner == null) {
      o.putNull("selected_user");
    } else {
      o.put("selected_user", owner);
    }
    return bot.postSigned(
        SlackTestBot.formBody(Map.of("payload", p.toString())),
        okhttp3.MediaType.get("application/x-www-form-urlencoded"),
        Map.of());
  }
}
