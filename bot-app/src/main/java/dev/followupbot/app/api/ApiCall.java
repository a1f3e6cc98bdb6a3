package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One authenticated API request as a handler sees it: the token's workspace, the route's path
 * parameters, the query parameters, and the JSON body (read on demand, within the size limit).
 */
public record ApiCall(
    TenantId tenant,
    Map<String, String> path,
    Map<String, List<String>> query,
    Supplier<ObjectNode> body) {

  public ApiCall {
    Objects.requireNonNull(tenant, "tenant");
    path = Map.copyOf(path);
    query = Map.copyOf(query);
    Objects.requireNonNull(body, "body");
  }

  public String param(String name) {
    return path.get(name);
  }
}
