package dev.followupbot.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /api/v1/openapi.json describes exactly the API that runs: every
 * implemented route is in it, and every documented operation answers with a status it documents.
 */
class OpenApiTest {

  private static final String TOKEN = "acme-0123456789abcdef0123456789abcdef";
  private static final List<String> METHODS = List.of("get", "post", "patch", "put", "delete");

  @TempDir Path dir;
  private LiveServer live;
  private JsonNode document;

  @BeforeEach
  void start() throws Exception {
    live =
        new LiveServer(
            dir,
            "teams:\n  - id: billing\n    channels: [C0BILLING]\n",
            Map.of("FOLLOWUP_API_TOKENS", "slack:T0ACME=" + TOKEN));
    LiveServer.Answer served = live.send("GET", "/api/v1/openapi.json", null, null);
    assertThat(served.code()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/json");
    document = served.json();
    live.send(
        "POST",
        "/api/v1/cases",
        TOKEN,
        "{\"external_ref\":\"ZD-1\",\"subject\":\"Refund\",\"team\":\"billing\"}");
    live.send(
        "POST",
        "/api/v1/reminders",
        TOKEN,
        "{\"recipient\":\"UANN\",\"due_at\":\"2030-02-01T09:00:00Z\"}");
  }

  @AfterEach
  void stop() {
    live.close();
  }

  private Set<String> documented() {
    Set<String> out = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String m : METHODS) {
        if (path.getValue().has(m)) {
          out.add(m.toUpperCase() + " " + path.getKey());
        }
      }
    }
    return out;
  }

  @Test
  void it_is_an_openapi_3_document() {
    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
  }

  @Test
  void every_implemented_route_is_documented_and_nothing_else() {
    ApiServlet servlet = new ApiServlet(live.core(), ApiTokens.none(), live.clock);
    Set<String> implemented = new TreeSet<>();
    for (String route : servlet.routes().describe()) {
      String[] parts = route.split(" ", 2);
      implemented.add(parts[0] + " " + ApiServlet.PREFIX + parts[1]);
    }
    assertThat(documented()).isEqualTo(implemented);
  }

  /** A plausible body for each operation, so answers are more than validation errors. */
  private static String example(String method, String path) {
    if (method.equals("PATCH")) {
      return "{\"priority\":\"high\",\"actor\":\"UANN\"}";
    }
    if (path.endsWith("/cases")) {
      return "{\"external_ref\":\"ZD-2\",\"subject\":\"Second\",\"team\":\"billing\"}";
    }
    if (path.endsWith("/reminders")) {
      return "{\"recipient\":\"UANN\",\"due_at\":\"2030-02-01T09:00:00Z\",\"case\":1}";
    }
    if (path.endsWith("/assign")) {
      return "{\"actor\":\"UANN\",\"assignee\":\"UBOB\"}";
    }
    return "{\"actor\":\"UANN\"}";
  }

  @Test
  void every_documented_operation_answers_with_a_status_it_documents() {
    List<String> checked = new ArrayList<>();
    for (String operation : documented()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(operation.indexOf(' ') + 1);
      JsonNode op =
          document.at(
              "/paths/"
                  + template.replace("~", "~0").replace("/", "~1")
                  + "/"
                  + method.toLowerCase());
      Set<String> statuses = new TreeSet<>();
      op.get("responses").fieldNames().forEachRemaining(statuses::add);
      String path = template.replace("{number}", "1").replace("{external_ref}", "ZD-1");
      String body = method.equals("GET") ? null : example(method, template);
      boolean open = op.has("security") && op.get("security").isEmpty();

      LiveServer.Answer answer = live.send(method, path, TOKEN, body);
      assertThat(statuses)
          .as(operation + " answered " + answer.code() + " " + answer.text())
          .contains(Integer.toString(answer.code()));
      assertThat(answer.code()).as(operation).isLessThan(500);
      assertThat(answer.header("Content-Type")).as(operation).startsWith("application/json");

      if (!open) {
        LiveServer.Answer anonymous = live.send(method, path, null, body);
        assertThat(anonymous.code()).as(operation + " without a token").isEqualTo(401);
        assertThat(statuses).as(operation).contains("401");
      }
      if (body != null) {
        LiveServer.Answer invalid = live.send(method, path, TOKEN, "{\"unknown_field\":1}");
        assertThat(statuses)
            .as(operation + " with a bad body answered " + invalid.code())
            .contains(Integer.toString(invalid.code()));
      }
      checked.add(operation);
    }
    assertThat(checked).hasSizeGreaterThan(20);
  }
}
