package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP, as a helpdesk integration uses it. */
class ApiTest {

  static final String ACME_TOKEN = "acme-0123456789abcdef0123456789abcdef";
  static final String GLOBEX_TOKEN = "globex-0123456789abcdef0123456789abcdef";
  static final TenantId ACME = new TenantId(Platform.SLACK, "T0ACME");
  static final TenantId GLOBEX = new TenantId(Platform.SLACK, "T0GLOBEX");

  @TempDir Path dir;
  private LiveServer live;

  @BeforeEach
  void start() throws Exception {
    live =
        new LiveServer(
            dir,
            """
            teams:
              - id: billing
                channels: [C0BILLING]
            """,
            Map.of(
                "FOLLOWUP_API_TOKENS",
                "slack:T0ACME=" + ACME_TOKEN + ",slack:T0GLOBEX=" + GLOBEX_TOKEN));
  }

  @AfterEach
  void stop() {
    live.close();
  }

  private LiveServer.Answer acme(String method, String path, String json) {
    return live.send(method, path, ACME_TOKEN, json);
  }

  private LiveServer.Answer globex(String method, String path, String json) {
    return live.send(method, path, GLOBEX_TOKEN, json);
  }

  private JsonNode open(String ref, String subject) {
    LiveServer.Answer a =
        acme(
            "POST",
            "/api/v1/cases",
            "{\"external_ref\":\""
                + ref
                + "\",\"subject\":\""
                + subject
                + "\",\"customer\":\"Dana\",\"team\":\"billing\",\"actor\":\"UZENDESK\"}");
    assertThat(a.code()).as(a.text()).isEqualTo(201);
    return a.json();
  }

  private SupportCase acmeCase(int number) {
    return live.core().cases().findByNumber(ACME, number).orElseThrow();
  }

  private static String field(LiveServer.Answer a) {
    return a.json().at("/errors/0/field").asText();
  }

  @Test
  void a_request_without_a_valid_token_is_refused_with_401_and_says_how_to_authenticate() {
    LiveServer.Answer none = live.send("GET", "/api/v1/cases", null, null);
    assertThat(none.code()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"followup-bot\"");
    assertThat(none.json().at("/errors/0/problem").asText()).contains("Authorization: Bearer");

    LiveServer.Answer wrong = live.send("GET", "/api/v1/cases", "not-" + ACME_TOKEN, null);
    assertThat(wrong.code()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

    Request basic =
        new Request.Builder()
            .url(live.url("/api/v1/cases/1/claim"))
            .header("Authorization", "Basic " + ACME_TOKEN)
            .post(RequestBody.create("{\"actor\":\"U1\"}", MediaType.get("application/json")))
            .build();
    assertThat(live.execute(basic).code()).isEqualTo(401);
    assertThat(live.send("GET", "/api/v1/nowhere", null, null).code())
        .as("unknown paths do not reveal themselves before authentication")
        .isEqualTo(401);
    assertThat(live.send("GET", "/api/v1/openapi.json", null, null).code()).isEqualTo(200);
  }

  @Test
  void a_path_nothing_serves_is_404_whatever_the_method() {
    for (String method : new String[] {"GET", "POST", "PATCH", "PUT", "DELETE"}) {
      LiveServer.Answer a =
          live.send(method, "/etc/passwd", null, method.equals("GET") ? null : "{}");
      assertThat(a.code()).as(method).isEqualTo(404);
      assertThat(a.text()).isEqualTo("{\"error\":\"not found\"}");
    }
  }

  @Test
  void a_case_is_opened_read_changed_and_its_history_says_who_did_it_via_the_api() {
    JsonNode opened = open("ZD-4211", "Refund for Acme");
    assertThat(opened.get("number").asInt()).isEqualTo(1);
    assertThat(opened.get("status").asText()).isEqualTo("unclaimed");
    assertThat(opened.get("team").asText()).isEqualTo("billing");
    assertThat(opened.get("channel").asText()).isEqualTo("C0BILLING");
    assertThat(opened.get("priority").asText()).isEqualTo("normal");
    assertThat(opened.at("/created_by/id").asText()).isEqualTo("UZENDESK");
    assertThat(opened.at("/links/self").asText()).isEqualTo("/api/v1/cases/1");

    LiveServer.Answer byRef = acme("GET", "/api/v1/cases/by-ref/ZD-4211", null);
    assertThat(byRef.code()).isEqualTo(200);
    assertThat(byRef.json().get("number").asInt()).isEqualTo(1);

    live.clock.advance(Duration.ofMinutes(3));
    LiveServer.Answer patched =
        acme("PATCH", "/api/v1/cases/1", "{\"priority\":\"high\",\"customer\":null}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.json().get("priority").asText()).isEqualTo("high");
    assertThat(patched.json().get("customer").isNull()).isTrue();

    assertThat(
            acme("POST", "/api/v1/cases/1/claim", "{\"actor\":\"UANN\"}")
                .json()
                .at("/owner/id")
                .asText())
        .isEqualTo("UANN");
    assertThat(
            acme(
                    "POST",
                    "/api/v1/cases/1/assign",
                    "{\"actor\":\"UANN\",\"assignee\":\"UBOB\",\"reason\":\"billing expert\"}")
                .json()
                .at("/owner/id")
                .asText())
        .isEqualTo("UBOB");
    assertThat(
            acme(
                    "POST",
                    "/api/v1/cases/1/wait",
                    "{\"actor\":\"UBOB\",\"until\":\"2030-01-08T09:00:00Z\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("waiting_on_customer");
    assertThat(
            acme("POST", "/api/v1/cases/1/resume", "{\"actor\":\"UBOB\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("claimed");
    assertThat(
            acme(
                    "POST",
                    "/api/v1/cases/by-ref/ZD-4211/resolve",
                    "{\"actor\":\"UZENDESK\",\"note\":\"solved in Zendesk\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("resolved");
    assertThat(
            acme(
                    "POST",
                    "/api/v1/cases/1/reopen",
                    "{\"actor\":\"UDANA\",\"reason\":\"still broken\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("claimed");
    acme("POST", "/api/v1/cases/1/resolve", "{\"actor\":\"UBOB\"}");
    assertThat(
            acme("POST", "/api/v1/cases/1/close", "{\"actor\":\"UBOB\"}")
                .json()
                .get("status")
                .asText())
        .isEqualTo("closed");

    JsonNode full = acme("GET", "/api/v1/cases/1", null).json();
    List<String> actions = new ArrayList<>();
    full.get("history")
        .forEach(
            e ->
                actions.add(
                    e.get("action").asText()
                        + " by "
                        + e.at("/actor/id").asText()
                        + " via "
                        + e.get("via").asText()));
    assertThat(actions)
        .containsExactly(
            "created by UZENDESK via API",
            "updated by api via API",
            "claimed by UANN via API",
            "assigned by UANN via API",
            "waiting by UBOB via API",
            "resumed by UBOB via API",
            "resolved by UZENDESK via API",
            "reopened by UDANA via API",
            "resolved by UBOB via API",
            "closed by UBOB via API");
    assertThat(full.at("/history/1/reason").asText())
        .isEqualTo("customer Dana → none; priority normal → high");
    assertThat(full.get("updated_at").asText()).isEqualTo("2030-01-07T09:03:00Z");
    assertThat(live.core().cases().history(ACME, acmeCase(1).id()))
        .extracting(CaseEvent::via)
        .containsOnly(Optional.of("API"));
  }

  @Test
  void opening_a_known_external_ref_again_updates_the_case_and_is_safe_to_retry() {
    JsonNode first = open("ZD-1", "Refund");
    String body = "{\"external_ref\":\"ZD-1\",\"subject\":\"Refund\",\"team\":\"billing\"}";
    LiveServer.Answer again = acme("POST", "/api/v1/cases", body);
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.json().get("number").asInt()).isEqualTo(first.get("number").asInt());
    assertThat(again.json().get("version").asInt())
        .as("nothing changed")
        .isEqualTo(first.get("version").asInt());
    assertThat(again.json().get("customer").asText())
        .as("absent fields are kept")
        .isEqualTo("Dana");

    LiveServer.Answer changed =
        acme(
            "POST",
            "/api/v1/cases",
            body.replace("\"Refund\"", "\"Refund for Acme\"")
                .replace("}", ",\"priority\":\"urgent\"}"));
    assertThat(changed.code()).isEqualTo(200);
    assertThat(changed.json().get("subject").asText()).isEqualTo("Refund for Acme");
    assertThat(changed.json().get("priority").asText()).isEqualTo("urgent");
    assertThat(
            live.core().cases().list(ACME, EnumSet.allOf(CaseStatus.class), Optional.empty(), 10))
        .hasSize(1);
  }

  @Test
  void a_refused_change_is_409_with_the_reason_and_asking_for_the_current_state_is_200() {
    open("ZD-2", "Refund");
    acme("POST", "/api/v1/cases/1/claim", "{\"actor\":\"UANN\"}");
    int version = acmeCase(1).version();

    LiveServer.Answer taken = acme("POST", "/api/v1/cases/1/claim", "{\"actor\":\"UBOB\"}");
    assertThat(taken.code()).isEqualTo(409);
    assertThat(taken.json().get("reason").asText()).isEqualTo("owned_by_someone_else");
    assertThat(taken.json().at("/errors/0/problem").asText())
        .startsWith("Case #1 is already UANN's");
    assertThat(taken.json().at("/case/owner/id").asText()).isEqualTo("UANN");

    assertThat(acme("POST", "/api/v1/cases/1/claim", "{\"actor\":\"UANN\"}").code()).isEqualTo(200);
    assertThat(acme("POST", "/api/v1/cases/1/close", "{\"actor\":\"UANN\"}").code()).isEqualTo(409);
    assertThat(acmeCase(1).version()).isEqualTo(version);
    acme("POST", "/api/v1/cases/1/resolve", "{\"actor\":\"UANN\"}");
    assertThat(acme("POST", "/api/v1/cases/1/resolve", "{\"actor\":\"UANN\"}").code())
        .as("a retried resolve")
        .isEqualTo(200);
    assertThat(acmeCase(1).version()).isEqualTo(version + 1);
  }

  @Test
  void lists_filter_by_status_owner_team_and_last_change_and_page_with_a_cursor() {
    open("A-1", "One");
    live.clock.advance(Duration.ofMinutes(1));
    open("A-2", "Two");
    live.clock.advance(Duration.ofMinutes(1));
    open("A-3", "Three");
    acme("POST", "/api/v1/cases", "{\"subject\":\"Elsewhere\",\"channel\":\"C0OTHER\"}");
    live.clock.advance(Duration.ofMinutes(1));
    acme("POST", "/api/v1/cases/2/claim", "{\"actor\":\"UANN\"}");
    globex("POST", "/api/v1/cases", "{\"subject\":\"Theirs\",\"team\":\"billing\"}");

    JsonNode page1 = acme("GET", "/api/v1/cases?limit=2", null).json();
    assertThat(page1.get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("One", "Two");
    String next = page1.at("/links/next").asText();
    assertThat(next).startsWith("/api/v1/cases?limit=2&cursor=");
    JsonNode page2 = acme("GET", next, null).json();
    assertThat(page2.get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("Three", "Elsewhere");
    assertThat(page2.get("next_cursor").isNull()).isTrue();

    assertThat(acme("GET", "/api/v1/cases?status=claimed&owner=UANN", null).json().get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("Two");
    assertThat(acme("GET", "/api/v1/cases?status=unclaimed&team=billing", null).json().get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("One", "Three");
    assertThat(acme("GET", "/api/v1/cases?team=default", null).json().get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("Elsewhere");
    assertThat(
            acme("GET", "/api/v1/cases?updated_since=2030-01-07T09:02:30Z", null)
                .json()
                .get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("Two");
    assertThat(acme("GET", "/api/v1/cases?external_ref=A-3", null).json().get("cases"))
        .extracting(c -> c.get("number").asInt())
        .containsExactly(3);
    assertThat(globex("GET", "/api/v1/cases", null).json().get("cases"))
        .extracting(c -> c.get("subject").asText())
        .containsExactly("Theirs");
  }

  @Test
  void another_workspaces_token_gets_404_and_changes_nothing() {
    open("ZD-9", "Secret refund");
    SupportCase before = acmeCase(1);
    int history = live.core().cases().history(ACME, before.id()).size();

    assertThat(globex("GET", "/api/v1/cases/1", null).code()).isEqualTo(404);
    assertThat(globex("GET", "/api/v1/cases/by-ref/ZD-9", null).code()).isEqualTo(404);
    assertThat(globex("PATCH", "/api/v1/cases/1", "{\"subject\":\"Mine now\"}").code())
        .isEqualTo(404);
    for (String action :
        List.of("claim", "release", "assign", "wait", "resume", "resolve", "reopen", "close")) {
      LiveServer.Answer a =
          globex(
              "POST",
              "/api/v1/cases/1/" + action,
              "{\"actor\":\"UMAL\",\"assignee\":\"UMAL\"}"
                  .replace(
                      ",\"assignee\":\"UMAL\"",
                      action.equals("assign") ? ",\"assignee\":\"UMAL\"" : ""));
      assertThat(a.code()).as(action).isEqualTo(404);
      assertThat(a.text()).doesNotContain("Secret");
    }
    LiveServer.Answer reminder =
        globex(
            "POST",
            "/api/v1/reminders",
            "{\"recipient\":\"UMAL\",\"due_at\":\"2030-01-08T09:00:00Z\",\"case\":1}");
    assertThat(reminder.code()).isEqualTo(404);
    assertThat(field(reminder)).isEqualTo("case");
    assertThat(globex("GET", "/api/v1/cases", null).json().get("cases")).isEmpty();

    LiveServer.Answer theirs =
        globex(
            "POST",
            "/api/v1/cases",
            "{\"external_ref\":\"ZD-9\",\"subject\":\"Their own\",\"channel\":\"C0G\"}");
    assertThat(theirs.code())
        .as("the same reference in another workspace is another case")
        .isEqualTo(201);

    SupportCase after = acmeCase(1);
    assertThat(after).isEqualTo(before);
    assertThat(live.core().cases().history(ACME, after.id())).hasSize(history);
    assertThat(live.core().cases().findByNumber(GLOBEX, 1).orElseThrow().subject())
        .isEqualTo("Their own");
  }

  @Test
  void validation_errors_name_the_field_and_every_error_is_json() {
    LiveServer.Answer missing = acme("POST", "/api/v1/cases", "{\"team\":\"billing\"}");
    assertThat(missing.code()).isEqualTo(400);
    assertThat(field(missing)).isEqualTo("subject");
    assertThat(missing.json().at("/errors/0/problem").asText()).isEqualTo("is required");

    LiveServer.Answer several =
        acme(
            "POST",
            "/api/v1/cases",
            "{\"subject\":42,\"priority\":\"asap\",\"team\":\"billing\",\"colour\":\"red\"}");
    assertThat(several.code()).isEqualTo(400);
    assertThat(several.json().get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("colour", "subject", "priority");

    assertThat(field(acme("POST", "/api/v1/cases", "{\"subject\":\"No home\"}"))).isEqualTo("team");
    LiveServer.Answer unknownTeam =
        acme("POST", "/api/v1/cases", "{\"subject\":\"x\",\"team\":\"sales\"}");
    assertThat(unknownTeam.json().at("/errors/0/problem").asText())
        .contains("no team 'sales'")
        .contains("billing");
    assertThat(
            field(
                acme(
                    "POST",
                    "/api/v1/cases",
                    "{\"subject\":\"x\",\"team\":\"billing\",\"external_ref\":\"has space\"}")))
        .isEqualTo("external_ref");

    LiveServer.Answer malformed = acme("POST", "/api/v1/cases", "{\"subject\": ");
    assertThat(malformed.code()).isEqualTo(400);
    assertThat(malformed.json().at("/errors/0/problem").asText())
        .startsWith("The body is not valid JSON");
    assertThat(acme("POST", "/api/v1/cases", "[1,2]").code()).isEqualTo(400);
    assertThat(
            acme(
                    "POST",
                    "/api/v1/cases",
                    "{\"subject\":\"a\",\"subject\":\"b\",\"team\":\"billing\"}")
                .code())
        .isEqualTo(400);

    open("ZD-3", "Refund");
    assertThat(field(acme("POST", "/api/v1/cases/1/claim", "{}"))).isEqualTo("actor");
    assertThat(field(acme("POST", "/api/v1/cases/1/claim", "{\"actor\":\"has space\"}")))
        .isEqualTo("actor");
    assertThat(field(acme("POST", "/api/v1/cases/1/assign", "{\"actor\":\"UANN\"}")))
        .isEqualTo("assignee");
    assertThat(
            field(
                acme(
                    "POST", "/api/v1/cases/1/wait", "{\"actor\":\"UANN\",\"until\":\"tomorrow\"}")))
        .isEqualTo("until");
    assertThat(field(acme("PATCH", "/api/v1/cases/1", "{}"))).isEqualTo("subject");
    assertThat(field(acme("GET", "/api/v1/cases?stauts=open", null))).isEqualTo("stauts");
    assertThat(field(acme("GET", "/api/v1/cases?status=pending", null))).isEqualTo("status");
    assertThat(field(acme("GET", "/api/v1/cases?cursor=bogus", null))).isEqualTo("cursor");
    assertThat(field(acme("GET", "/api/v1/cases?limit=1000", null))).isEqualTo("limit");

    Request form =
        new Request.Builder()
            .url(live.url("/api/v1/cases"))
            .header("Authorization", "Bearer " + ACME_TOKEN)
            .post(
                RequestBody.create("subject=x", MediaType.get("application/x-www-form-urlencoded")))
            .build();
    assertThat(live.execute(form).code()).isEqualTo(415);

    String huge = "{\"subject\":\"" + "x".repeat(70 * 1024) + "\",\"team\":\"billing\"}";
    LiveServer.Answer tooLarge = acme("POST", "/api/v1/cases", huge);
    assertThat(tooLarge.code()).isEqualTo(413);
    assertThat(tooLarge.json().at("/errors/0/problem").asText()).contains("64 KiB");

    LiveServer.Answer nowhere = acme("GET", "/api/v1/nowhere", null);
    assertThat(nowhere.code()).isEqualTo(404);
    assertThat(nowhere.json().at("/errors/0/problem").asText()).contains("/api/v1/openapi.json");
    assertThat(acme("GET", "/api/v1/cases/abc", null).code()).isEqualTo(404);
    assertThat(acme("GET", "/api/v1/cases/99", null).code()).isEqualTo(404);
    LiveServer.Answer wrongMethod = acme("DELETE", "/api/v1/cases/1", null);
    assertThat(wrongMethod.code()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).isEqualTo("GET, PATCH");
    for (LiveServer.Answer a : List.of(missing, malformed, tooLarge, nowhere, wrongMethod)) {
      assertThat(a.header("Content-Type")).startsWith("application/json");
      assertThat(a.text()).doesNotContain("Exception").doesNotContain("at dev.");
    }
    assertThat(acmeCase(1).version()).as("no refused request changed the case").isZero();
  }

  @Test
  void reminders_are_set_read_and_cancelled_within_the_workspace() {
    open("ZD-5", "Refund");
    LiveServer.Answer set =
        acme(
            "POST",
            "/api/v1/reminders",
            "{\"recipient\":\"UANN\",\"due_at\":\"2030-01-08T09:00:00+01:00\",\"note\":\"call Dana\",\"case_ref\":\"ZD-5\",\"actor\":\"UZENDESK\"}");
    assertThat(set.code()).as(set.text()).isEqualTo(201);
    JsonNode r = set.json();
    assertThat(r.get("number").asInt()).isEqualTo(1);
    assertThat(r.get("status").asText()).isEqualTo("pending");
    assertThat(r.get("due_at").asText()).isEqualTo("2030-01-08T08:00:00Z");
    assertThat(r.at("/case/number").asInt()).isEqualTo(1);
    assertThat(r.at("/created_by/id").asText()).isEqualTo("UZENDESK");

    assertThat(acme("GET", "/api/v1/reminders/1", null).json().at("/recipient/id").asText())
        .isEqualTo("UANN");
    assertThat(acme("GET", "/api/v1/reminders/1", null).json().get("channel").isNull()).isTrue();
    assertThat(globex("GET", "/api/v1/reminders/1", null).code()).isEqualTo(404);
    assertThat(globex("POST", "/api/v1/reminders/1/cancel", null).code()).isEqualTo(404);
    assertThat(live.core().reminders().findByNumber(ACME, 1).orElseThrow().status())
        .isEqualTo(ReminderStatus.PENDING);

    LiveServer.Answer cancelled =
        acme("POST", "/api/v1/reminders/1/cancel", "{\"actor\":\"UZENDESK\"}");
    assertThat(cancelled.code()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
    assertThat(acme("POST", "/api/v1/reminders/1/cancel", null).code()).isEqualTo(200);

    assertThat(
            field(
                acme(
                    "POST",
                    "/api/v1/reminders",
                    "{\"recipient\":\"UANN\",\"due_at\":\"2030-01-07T08:00:00Z\"}")))
        .isEqualTo("due_at");
    assertThat(field(acme("POST", "/api/v1/reminders", "{\"due_at\":\"2030-01-08T08:00:00Z\"}")))
        .isEqualTo("recipient");
    LiveServer.Answer noCase =
        acme(
            "POST",
            "/api/v1/reminders",
            "{\"recipient\":\"UANN\",\"due_at\":\"2030-01-08T08:00:00Z\",\"case\":7}");
    assertThat(noCase.code()).isEqualTo(404);
    assertThat(field(noCase)).isEqualTo("case");
    assertThat(live.core().cases().history(ACME, acmeCase(1).id()))
        .extracting(CaseEvent::action)
        .containsExactly(CaseAction.CREATED);
  }

  @Test
  void a_channel_reminder_set_in_chat_reads_with_its_channel() {
    dev.followupbot.core.service.Caller ann =
        new dev.followupbot.core.service.Caller(
            ACME, "UANN", "Ann", java.time.ZoneId.of("UTC"), "C0SUPPORT");
    assertThat(
            live.core()
                .commands()
                .handle(ann, "remind <#C0OPS|ops> every monday 9am check the unclaimed queue")
                .message()
                .fallbackText())
        .contains("I'll post in #ops");
    JsonNode r = acme("GET", "/api/v1/reminders/1", null).json();
    assertThat(r.at("/channel/id").asText()).isEqualTo("C0OPS");
    assertThat(r.at("/channel/name").asText()).isEqualTo("#ops");
    assertThat(r.at("/repeats/rule").asText()).isEqualTo("every Monday at 09:00");
    assertThat(globex("GET", "/api/v1/reminders/1", null).code()).isEqualTo(404);
  }

  @Test
  void a_repeating_reminder_is_set_read_and_its_series_ended_by_cancel() {
    LiveServer.Answer set =
        acme(
            "POST",
            "/api/v1/reminders",
            "{\"recipient\":\"UANN\",\"repeats\":\"every weekday at 9am\",\"note\":\"check the queue\"}");
    assertThat(set.code()).as(set.text()).isEqualTo(201);
    assertThat(set.json().at("/repeats/rule").asText()).isEqualTo("every weekday at 09:00");
    assertThat(set.json().at("/repeats/active").asBoolean()).isTrue();
    assertThat(set.json().at("/repeats/current").asBoolean()).isTrue();
    int number = set.json().get("number").asInt();
    assertThat(acme("POST", "/api/v1/reminders/" + number + "/cancel", null).code()).isEqualTo(200);
    assertThat(
            acme("GET", "/api/v1/reminders/" + number, null)
                .json()
                .at("/repeats/active")
                .asBoolean())
        .isFalse();

    assertThat(
            field(
                acme(
                    "POST",
                    "/api/v1/reminders",
                    "{\"recipient\":\"UANN\",\"repeats\":\"every hour\"}")))
        .isEqualTo("repeats");
    assertThat(
            field(
                acme(
                    "POST",
                    "/api/v1/reminders",
                    "{\"recipient\":\"UANN\",\"repeats\":\"every day\",\"due_at\":\"2030-01-08T08:00:00Z\"}")))
        .isEqualTo("repeats");
    assertThat(acme("GET", "/api/v1/reminders/" + number, null).json().has("repeats")).isTrue();
  }

  @Test
  void a_helpdesk_can_send_every_event_to_one_url_in_any_order_and_the_case_ends_as_it_says() {
    String solved =
        "{\"external_ref\":\"4711\",\"subject\":\"Printer on fire\",\"customer\":\"Dana\","
            + "\"priority\":\"Urgent\",\"team\":\"billing\",\"status\":\"resolved\","
            + "\"note\":\"solved in Zendesk\",\"actor\":\"zendesk\"}";
    LiveServer.Answer first = acme("POST", "/api/v1/cases", solved);
    assertThat(first.code()).as("the solved event came first: opened and resolved").isEqualTo(201);
    assertThat(first.json().get("status").asText()).isEqualTo("resolved");
    assertThat(first.json().get("priority").asText()).isEqualTo("urgent");

    String created =
        "{\"external_ref\":\"4711\",\"subject\":\"Printer on fire\",\"customer\":\"Dana\","
            + "\"priority\":\"-\",\"team\":\"billing\",\"actor\":\"zendesk\"}";
    LiveServer.Answer late = acme("POST", "/api/v1/cases", created);
    assertThat(late.code()).isEqualTo(200);
    assertThat(late.json().get("status").asText())
        .as("a late create undoes nothing")
        .isEqualTo("resolved");
    assertThat(late.json().get("priority").asText()).isEqualTo("urgent");
    assertThat(acme("POST", "/api/v1/cases", solved).json().get("version").asInt())
        .as("repeated: nothing changes")
        .isEqualTo(late.json().get("version").asInt());

    LiveServer.Answer reopened =
        acme(
            "POST",
            "/api/v1/cases",
            solved
                .replace("\"resolved\"", "\"open\"")
                .replace("solved in Zendesk", "customer wrote back"));
    assertThat(reopened.code()).isEqualTo(200);
    assertThat(reopened.json().get("status").asText()).isEqualTo("claimed");
    List<String> actions = new ArrayList<>();
    acme("GET", "/api/v1/cases/by-ref/4711", null)
        .json()
        .get("history")
        .forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).containsExactly("created", "resolved", "reopened");
    assertThat(field(acme("POST", "/api/v1/cases", solved.replace("\"resolved\"", "\"closed\""))))
        .isEqualTo("status");
  }
}
