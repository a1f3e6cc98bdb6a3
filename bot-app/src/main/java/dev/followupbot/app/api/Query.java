package dev.followupbot.app.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's query parameters, checked: an unknown or repeated parameter is a 400 naming it, so a
 * typo ({@code ?stauts=open}) is not silently ignored.
 */
final class Query {

  private final Map<String, List<String>> params;

  Query(Map<String, List<String>> params, Set<String> allowed) {
    this.params = params;
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest(
            name,
            "is not a parameter here; expected "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  Optional<String> single(String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiProblem.badRequest(name, "give it once");
    }
    String v = values.get(0).strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  Optional<Integer> integer(String name, int min, int max) {
    Optional<String> v = single(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badRequest(name, "must be a whole number from " + min + " to " + max);
  }
}
