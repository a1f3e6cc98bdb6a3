package dev.followupbot.app.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A posted form ({@code application/x-www-form-urlencoded}, 16 KiB at most), read whole before
 * anything looks at it: too large is 413, another type 415, broken encoding 400.
 */
record FormBody(Map<String, List<String>> fields) {

  static final int MAX_BYTES = 16 * 1024;

  static FormBody read(HttpServletRequest request) {
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw DashboardProblem.badRequest("The form could not be read. Please send it again.");
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    String type = request.getContentType();
    if (bytes.length > 0
        && (type == null
            || !type.toLowerCase(Locale.ROOT)
                .strip()
                .startsWith("application/x-www-form-urlencoded"))) {
      throw new DashboardProblem(
          415, "Not a form", "The dashboard takes forms from its own pages only.");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  static FormBody parse(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw DashboardProblem.badRequest("The form is not properly encoded.");
      }
    }
    return new FormBody(out);
  }

  Optional<String> get(String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The field, stripped; empty when absent or blank. */
  Optional<String> text(String name) {
    return get(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static DashboardProblem tooLarge() {
    return new DashboardProblem(
        413, "Too much at once", "That form is larger than " + MAX_BYTES / 1024 + " KiB.");
  }
}
