package dev.followupbot.app.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.app.http.HttpMetricsFilter;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.LogContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API at {@code /api/v1/*}: checks the bearer token, finds the route, reads the JSON body
 * (64 KiB at most), runs the handler in the token's workspace and answers JSON, errors included:
 * 400 with the fields at fault, 401, 404, 405 with Allow, 409, 413, 415, and 500 with a reference
 * that matches the log line, never a stack trace. Whatever a change queued for the chat platform (a
 * card update) is delivered after the answer.
 */
public final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

  /** The mount point; routes are relative to it. */
  public static final String PREFIX = "/api/v1";

  public static final int MAX_BODY = 64 * 1024;

  private static final String REALM = "Bearer realm=\"followup-bot\"";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final transient FollowupCore core;
  private final transient ApiTokens tokens;
  private final transient ApiRoutes routes = new ApiRoutes();
  private final transient ExecutorService afterAnswer;

  public ApiServlet(FollowupCore core, ApiTokens tokens, Clock clock) {
    this.core = core;
    this.tokens = tokens;
    ObjectNode document = OpenApiDocument.load();
    routes.open("GET", "/openapi.json", call -> ApiResponse.ok(document));
    new CasesApi(core, clock).register(routes);
    new RemindersApi(core, clock).register(routes);
    new DeliveriesApi(core).register(routes);
    this.afterAnswer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "followup-api-deliveries");
              t.setDaemon(true);
              return t;
            });
  }

  /** Every route, for the test that keeps the OpenAPI document in step. */
  public ApiRoutes routes() {
    return routes;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ApiRoutes.Match match = routes.match(method, path);
    request.setAttribute(HttpMetricsFilter.ROUTE, PREFIX + match.template());
    try {
      if (match instanceof ApiRoutes.Found found && found.route().open()) {
        write(response, found.route().handler().handle(null));
        return;
      }
      TenantId tenant = authenticate(request);
      if (match instanceof ApiRoutes.NoRoute) {
        throw ApiProblem.notFound(
            "No such endpoint: "
                + method
                + " "
                + PREFIX
                + path
                + ". The API is described at "
                + PREFIX
                + "/openapi.json.");
      }
      if (match instanceof ApiRoutes.WrongMethod wrong) {
        throw ApiProblem.of(
                405,
                PREFIX
                    + wrong.template()
                    + " takes "
                    + String.join(", ", wrong.allowed())
                    + ", not "
                    + method
                    + ".")
            .header("Allow", String.join(", ", wrong.allowed()));
      }
      ApiRoutes.Found found = (ApiRoutes.Found) match;
      try (LogContext context = LogContext.with("tenant", tenant.key())) {
        ApiCall call =
            new ApiCall(tenant, found.params(), query(request), once(() -> body(request)));
        ApiResponse answer = found.route().handler().handle(call);
        write(response, answer);
        if (!answer.deliveries().isEmpty()) {
          afterAnswer.execute(() -> core.delivery().deliverAll(answer.deliveries()));
        }
      }
    } catch (ApiProblem problem) {
      if (problem.status() >= 500) {
        log.warn(
            "api {} {} answered {}: {}",
            method,
            match.template(),
            problem.status(),
            problem.getMessage());
      }
      write(response, problem);
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error("api request failed ref={} {} {}{}", ref, method, PREFIX, match.template(), e);
      write(
          response,
          ApiProblem.of(
              500, "Something went wrong on our side (reference " + ref + "). Please try again."));
    }
  }

  private TenantId authenticate(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null
        || header.length() < 7
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.substring(7).isBlank()) {
      throw ApiProblem.of(
              401, "Send the API token of your workspace as Authorization: Bearer <token>.")
          .header("WWW-Authenticate", REALM);
    }
    Optional<TenantId> tenant = tokens.tenantOf(header.substring(7).strip());
    if (tenant.isEmpty()) {
      log.info("api request refused: unknown token (from {})", request.getRemoteAddr());
      throw ApiProblem.of(401, "The token is not valid.")
          .header("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
    }
    return tenant.get();
  }

  private static <T> Supplier<T> once(Supplier<T> read) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = read.get();
        }
        return value;
      }
    };
  }

  /** The body as a JSON object; an empty body is an empty object (handlers name missing fields). */
  private static ObjectNode body(HttpServletRequest request) {
    if (request.getContentLengthLong() > MAX_BODY) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw ApiProblem.of(400, "The body could not be read.");
    }
    if (bytes.length > MAX_BODY) {
      throw tooLarge();
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    // The raw header: Jetty's getContentType() throws on a charset the JVM does not know.
    String type = request.getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw ApiProblem.of(415, "Send the body as JSON, with Content-Type: application/json.");
    }
    if (!JsonSyntax.utf8(type)) {
      log.info("api request refused: a body in another charset than UTF-8 ({})", cut(type));
      throw ApiProblem.of(
          415,
          "Send the body as JSON in UTF-8: Content-Type: application/json, with no charset or"
              + " charset=utf-8.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiProblem.of(400, JsonSyntax.describe(e));
    } catch (IOException e) {
      throw ApiProblem.of(400, "The body could not be read.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiProblem.of(400, "The body must be a JSON object, like {\"subject\": \"…\"}.");
    }
    return object;
  }

  private static String cut(String s) {
    String printable = s.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
  }

  private static ApiProblem tooLarge() {
    return ApiProblem.of(413, "The body is larger than " + MAX_BODY / 1024 + " KiB.");
  }

  static Map<String, List<String>> query(HttpServletRequest request) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String qs = request.getQueryString();
    if (qs == null || qs.isEmpty()) {
      return out;
    }
    for (String pair : qs.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.of(400, "The query string is not properly encoded.");
      }
    }
    return out;
  }

  private static void write(HttpServletResponse response, ApiResponse answer) throws IOException {
    send(response, answer.status(), answer.body(), Map.of());
  }

  private static void write(HttpServletResponse response, ApiProblem problem) throws IOException {
    send(response, problem.status(), problem.body(), problem.headers());
  }

  private static void send(
      HttpServletResponse response, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setStatus(status);
    headers.forEach(response::setHeader);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  @Override
  public void destroy() {
    afterAnswer.shutdown();
  }
}
