package dev.followupbot.app.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes: a method and a path template under {@code /api/v1} ({@code
 * /cases/{number}/claim}), each with its handler. {@code {number}} matches digits only; other
 * parameters match one path segment. A path no route matches is a 404; a path some route matches
 * with another method is a 405 that lists the allowed ones.
 */
public final class ApiRoutes {

  /** Runs one request. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiCall call);
  }

  /** One route. {@code open} routes need no token (the OpenAPI document). */
  public record Route(
      String method,
      String template,
      Pattern pattern,
      List<String> params,
      Handler handler,
      boolean open) {}

  /** What a request path and method found. */
  public sealed interface Match {
    /** The route template for metrics: a known template, or {@code {unknown}}. */
    String template();
  }

  /** A route for this path and method, with the path's parameters. */
  public record Found(Route route, Map<String, String> params) implements Match {
    @Override
    public String template() {
      return route.template();
    }
  }

  /** Routes for this path exist, with other methods. */
  public record WrongMethod(String template, Set<String> allowed) implements Match {}

  /** No route has this path. */
  public record NoRoute() implements Match {
    @Override
    public String template() {
      return "/{unknown}";
    }
  }

  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private final List<Route> routes = new ArrayList<>();

  public ApiRoutes add(String method, String template, Handler handler) {
    return add(method, template, handler, false);
  }

  /** A route anyone may call, without a token. */
  public ApiRoutes open(String method, String template, Handler handler) {
    return add(method, template, handler, true);
  }

  private ApiRoutes add(String method, String template, Handler handler, boolean open) {
    List<String> params = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      params.add(m.group(1));
      regex.append(m.group(1).equals("number") ? "([1-9][0-9]{0,8})" : "([^/]+)");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(
        new Route(method, template, Pattern.compile(regex.toString()), params, handler, open));
    return this;
  }

  public Match match(String method, String path) {
    Set<String> allowed = new LinkedHashSet<>();
    String template = null;
    for (Route r : routes) {
      Matcher m = r.pattern().matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (r.method().equals(method)) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.params().size(); i++) {
          params.put(r.params().get(i), m.group(i + 1));
        }
        return new Found(r, params);
      }
      allowed.add(r.method());
      template = template == null ? r.template() : template;
    }
    return allowed.isEmpty() ? new NoRoute() : new WrongMethod(template, allowed);
  }

  /** Every route as {@code METHOD /template}, for the check that the OpenAPI document has them. */
  public List<String> describe() {
    return routes.stream().map(r -> r.method() + " " + r.template()).toList();
  }

  public Optional<Route> find(String method, String template) {
    return routes.stream()
        .filter(r -> r.method().equals(method) && r.template().equals(template))
        .findFirst();
  }
}
