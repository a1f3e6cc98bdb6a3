package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer other than success, as JSON: {@code {"errors": [{"field": …, "problem": …}]}} with the
 * HTTP status, plus headers (WWW-Authenticate, Allow) and extra members (the refused case) where
 * they help. Thrown by handlers; the servlet writes it.
 */
public final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One thing wrong, with the field it is about when there is one. */
  public record Error(Optional<String> field, String problem) {
    public static Error of(String field, String problem) {
      return new Error(Optional.of(field), problem);
    }

    public static Error general(String problem) {
      return new Error(Optional.empty(), problem);
    }
  }

  private final int status;
  private final List<Error> errors;
  private final transient Map<String, String> headers = new LinkedHashMap<>();
  private final transient Map<String, JsonNode> extra = new LinkedHashMap<>();

  public ApiProblem(int status, List<Error> errors) {
    super(errors.isEmpty() ? "HTTP " + status : errors.get(0).problem(), null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem badRequest(String field, String problem) {
    return new ApiProblem(400, List.of(Error.of(field, problem)));
  }

  public static ApiProblem of(int status, String problem) {
    return new ApiProblem(status, List.of(Error.general(problem)));
  }

  public static ApiProblem notFound(String problem) {
    return of(404, problem);
  }

  public ApiProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public ApiProblem with(String member, JsonNode value) {
    extra.put(member, value);
    return this;
  }

  public int status() {
    return status;
  }

  public List<Error> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    var list = body.putArray("errors");
    for (Error e : errors) {
      ObjectNode o = list.addObject();
      e.field().ifPresent(f -> o.put("field", f));
      o.put("problem", e.problem());
    }
    extra.forEach(body::set);
    return body;
  }
}
