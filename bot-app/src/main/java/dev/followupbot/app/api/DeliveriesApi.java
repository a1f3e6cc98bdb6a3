package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.WebhookSpec;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.WebhookEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/webhooks/deliveries}: the workspace's webhook delivery log, newest first: what
 * was sent where, how often, and how it went. URLs are shown without their query string.
 */
final class DeliveriesApi {

  private final FollowupCore core;

  DeliveriesApi(FollowupCore core) {
    this.core = core;
  }

  void register(ApiRoutes routes) {
    routes.add("GET", "/webhooks/deliveries", this::list);
  }

  private ApiResponse list(ApiCall call) {
    Query q = new Query(call.query(), Set.of("case", "state", "limit", "cursor"));
    Optional<Integer> caseNumber = q.integer("case", 1, 999_999_999);
    Optional<WebhookEntry.State> state = q.single("state").map(DeliveriesApi::state);
    int limit = q.integer("limit", 1, CasesApi.MAX_LIMIT).orElse(CasesApi.DEFAULT_LIMIT);
    long before =
        q.single("cursor").map(PageCursor::decode).map(PageCursor::after).orElse(Long.MAX_VALUE);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("deliveries");
    Optional<Long> caseId = Optional.empty();
    if (caseNumber.isPresent()) {
      Optional<SupportCase> c = core.cases().findByNumber(call.tenant(), caseNumber.get());
      if (c.isEmpty()) {
        body.putNull("next_cursor");
        return ApiResponse.ok(body);
      }
      caseId = Optional.of(c.get().id());
    }
    List<WebhookEntry> found =
        core.webhookHistory().list(call.tenant(), caseId, state, before, limit + 1);
    boolean more = found.size() > limit;
    List<WebhookEntry> page = more ? found.subList(0, limit) : found;
    page.forEach(e -> items.add(json(e)));
    body.put("next_cursor", more ? new PageCursor(page.get(page.size() - 1).id()).encode() : null);
    return ApiResponse.ok(body);
  }

  private static WebhookEntry.State state(String text) {
    try {
      return WebhookEntry.State.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("state", "must be pending, sending, delivered or failed");
    }
  }

  private static ObjectNode json(WebhookEntry e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", e.id());
    o.put("event_id", e.eventId());
    o.put("type", e.eventType());
    if (e.caseNumber().isPresent()) {
      o.putObject("case").put("number", e.caseNumber().get());
    } else {
      o.putNull("case");
    }
    o.put("url", WebhookSpec.redacted(e.url()));
    o.put("state", e.state().name().toLowerCase(Locale.ROOT));
    o.put("attempts", e.attempts());
    o.put("created_at", e.createdAt().toString());
    o.put("next_attempt_at", e.nextAttemptAt().toString());
    o.put("finished_at", e.finishedAt().map(Instant::toString).orElse(null));
    if (e.lastStatus().isPresent()) {
      o.put("last_status", e.lastStatus().get());
    } else {
      o.putNull("last_status");
    }
    o.put("last_error", e.lastError().orElse(null));
    return o;
  }
}
