package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.Priority;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request's JSON object field by field, collecting every problem (wrong type, too long,
 * missing, unknown field) so one 400 answer names them all. {@link #done()} throws that answer if
 * anything was wrong.
 */
final class JsonBody {

  /** User ids and names people and helpdesks send: no spaces, no control characters. */
  private static final Pattern USER_ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,200}");

  private final ObjectNode node;
  private final List<ApiProblem.Error> errors = new ArrayList<>();

  JsonBody(ObjectNode node, Set<String> allowed) {
    this.node = node;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        errors.add(
            ApiProblem.Error.of(
                name,
                "is not a field here; expected "
                    + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  boolean has(String field) {
    return node.has(field);
  }

  boolean isNull(String field) {
    return node.has(field) && node.get(field).isNull();
  }

  void problem(String field, String problem) {
    errors.add(ApiProblem.Error.of(field, problem));
  }

  /** A string of at most {@code max} characters, stripped; blank counts as absent. */
  Optional<String> text(String field, int max, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(field, "is required");
      }
      return Optional.empty();
    }
    if (!v.isTextual()) {
      problem(field, "must be a string");
      return Optional.empty();
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      if (required) {
        problem(field, "must not be empty");
      }
      return Optional.empty();
    }
    if (s.length() > max) {
      problem(field, "must be at most " + max + " characters (it has " + s.length() + ")");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** A user id: 1 to 200 characters, no spaces. */
  Optional<String> userId(String field, boolean required) {
    Optional<String> s = text(field, 200, required);
    if (s.isPresent() && !USER_ID.matcher(s.get()).matches()) {
      problem(field, "must be a user id without spaces, e.g. U0123ABCD");
      return Optional.empty();
    }
    return s;
  }

  /** A priority; empty or {@code -} (how helpdesks print "none") means not given. */
  Optional<Priority> priority(String field) {
    Optional<String> s = text(field, 20, false);
    if (s.isEmpty() || s.get().equals("-")) {
      return Optional.empty();
    }
    Optional<Priority> p = Priority.fromLabel(s.get());
    if (p.isEmpty()) {
      problem(field, "must be one of urgent, high, normal, low");
    }
    return p;
  }

  /** An ISO-8601 date and time with an offset, e.g. 2026-11-24T09:00:00Z. */
  Optional<Instant> instant(String field, boolean required) {
    Optional<String> s = text(field, 64, required);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return parseInstant(s.get(), field, this::problem);
  }

  static Optional<Instant> parseInstant(
      String text, String field, java.util.function.BiConsumer<String, String> problem) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      problem.accept(
          field, "must be an ISO-8601 date and time with an offset, e.g. 2026-11-24T09:00:00Z");
      return Optional.empty();
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  Optional<Integer> integer(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      problem(field, "must be a whole number from " + min + " to " + max);
      return Optional.empty();
    }
    return Optional.of(v.asInt());
  }

  /** Throws the 400 answer if anything was wrong. */
  void done() {
    if (!errors.isEmpty()) {
      throw new ApiProblem(400, errors);
    }
  }
}
