package dev.followupbot.core.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.sla.SlaStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shape of a case, the same in REST API answers and in webhook events: snake_case keys,
 * times as ISO-8601 instants in UTC, people as {@code {"id", "name"}}, absent values as {@code
 * null}.
 */
public final class CaseJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CaseJson() {}

  /** The case as it is, with its team, its SLA targets and when it last changed. */
  public static ObjectNode of(
      SupportCase c,
      Instant updatedAt,
      String teamId,
      List<SlaStatus> sla,
      Function<String, String> names) {
    ObjectNode o = JSON.objectNode();
    o.put("number", c.number());
    o.put("external_ref", c.externalRef().orElse(null));
    o.put("subject", c.subject());
    o.put("customer", c.customer().orElse(null));
    o.put("priority", c.priority().label());
    o.put("status", status(c.status()));
    o.set("owner", c.ownerId().map(id -> person(id, names)).orElse(null));
    o.put("team", teamId);
    o.put("channel", c.channelId());
    o.set(
        "source",
        c.source()
            .map(
                s -> {
                  ObjectNode source = JSON.objectNode();
                  source.put("platform", c.tenant().platform().name().toLowerCase(Locale.ROOT));
                  source.put("channel", s.channelId());
                  source.put("thread", s.messageId());
                  source.put("permalink", s.permalink().orElse(null));
                  return source;
                })
            .orElse(null));
    o.set("requester", c.source().map(s -> person(s.requesterId(), names)).orElse(null));
    o.set("created_by", person(c.createdBy(), names));
    o.put("created_at", c.createdAt().toString());
    o.put("updated_at", updatedAt.toString());
    o.put("claimed_at", time(c.claimedAt()));
    o.put("first_response_at", time(c.firstResponseAt()));
    o.put("resolved_at", time(c.resolvedAt()));
    o.put("waiting_until", time(c.waitingUntil()));
    o.put("last_activity_at", c.lastActivityAt().toString());
    ArrayNode targets = o.putArray("sla");
    sla.forEach(s -> targets.add(sla(s)));
    o.put("version", c.version());
    return o;
  }

  /** How a status is written: {@code unclaimed}, {@code waiting_on_customer}, … */
  public static String status(CaseStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  /** One SLA target: what it measures, its state, and its numbers in seconds. */
  public static ObjectNode sla(SlaStatus s) {
    ObjectNode o = JSON.objectNode();
    o.put("metric", s.metric().name().toLowerCase(Locale.ROOT));
    o.put("state", s.state().name().toLowerCase(Locale.ROOT));
    o.put("target_seconds", s.target().toSeconds());
    o.put("elapsed_seconds", s.elapsed().toSeconds());
    o.put("since", s.since().toString());
    o.put("deadline", time(s.deadline()));
    return o;
  }

  /** One history entry. */
  public static ObjectNode change(CaseEvent e, Function<String, String> names) {
    ObjectNode o = JSON.objectNode();
    o.put("action", e.action().name().toLowerCase(Locale.ROOT));
    o.put("at", e.at().toString());
    o.set("actor", person(e.actorId(), names));
    o.put("via", e.via().orElse(null));
    o.put("from_status", e.fromStatus().map(CaseJson::status).orElse(null));
    o.put("to_status", status(e.toStatus()));
    o.set("from_owner", e.fromOwner().map(id -> person(id, names)).orElse(null));
    o.set("to_owner", e.toOwner().map(id -> person(id, names)).orElse(null));
    o.put("reason", e.reason().orElse(null));
    return o;
  }

  public static ObjectNode person(String id, Function<String, String> names) {
    ObjectNode o = JSON.objectNode();
    o.put("id", id);
    o.put("name", names.apply(id));
    return o;
  }

  private static String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }
}
