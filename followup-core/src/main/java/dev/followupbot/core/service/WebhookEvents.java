package dev.followupbot.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.port.WebhookLog;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.webhook.CaseJson;
import dev.followupbot.core.webhook.WebhookTarget;
import dev.followupbot.core.webhook.WebhookTargets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns case changes, SLA state changes and CSAT scores into webhook events. Each {@code record…}
 * method runs inside the transaction of the change it reports and queues one entry per webhook that
 * wants the event; {@link #announce} then starts delivery right after the commit (the sweep
 * delivers whatever it does not).
 */
public final class WebhookEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookTargets targets;
  private final WebhookLog log;
  private final CaseRepository cases;
  private final CaseCards cards;
  private final Directory directory;
  private final WebhookDelivery delivery;
  private final Later later;

  public WebhookEvents(
      WebhookTargets targets,
      WebhookLog log,
      CaseRepository cases,
      CaseCards cards,
      Directory directory,
      WebhookDelivery delivery,
      Later later) {
    this.targets = targets;
    this.log = log;
    this.cases = cases;
    this.cards = cards;
    this.directory = directory;
    this.delivery = delivery;
    this.later = later;
  }

  /** A history entry of a case ({@code eventId} is its id); CSAT scores go to {@link #csat}. */
  public void caseChanged(SupportCase after, CaseEvent event, long eventId) {
    if (event.action() == CaseAction.RATED) {
      return;
    }
    String type = EventTypes.forCase(event.action());
    record(
        after,
        type,
        "case-event:" + eventId,
        event.at(),
        body -> body.set("change", CaseJson.change(event, names(after.tenant()))));
  }

  /** An SLA target of the case moved from {@code previous} to {@code now.state()}. */
  public void slaChanged(
      SupportCase c,
      SlaStatus now,
      Optional<SlaState> previous,
      String type,
      int version,
      Instant at) {
    record(
        c,
        type,
        "sla:" + c.id() + ":" + now.metric().name() + ":" + version,
        at,
        body -> {
          ObjectNode sla = CaseJson.sla(now);
          sla.put(
              "previous_state", previous.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null));
          body.set("sla", sla);
        });
  }

  /** A target that no longer applies to the case (its priority or team policy changed). */
  public void slaCancelled(
      SupportCase c, String metric, SlaState previous, int version, Instant at) {
    record(
        c,
        EventTypes.forSla(SlaState.CANCELLED),
        "sla:" + c.id() + ":" + metric + ":" + version,
        at,
        body -> {
          ObjectNode sla = body.putObject("sla");
          sla.put("metric", metric.toLowerCase(Locale.ROOT));
          sla.put("state", "cancelled");
          sla.put("previous_state", previous.name().toLowerCase(Locale.ROOT));
        });
  }

  /** A customer satisfaction score, recorded with history entry {@code eventId}. */
  public void csat(
      SupportCase c, long eventId, int score, Optional<String> comment, String by, Instant at) {
    record(
        c,
        EventTypes.CSAT_RECORDED,
        "csat:" + eventId,
        at,
        body -> {
          ObjectNode csat = body.putObject("csat");
          csat.put("score", score);
          csat.put("comment", comment.orElse(null));
          csat.set("recorded_by", CaseJson.person(by, names(c.tenant())));
        });
  }

  /** Starts delivering the case's queued events now, in the background. */
  public void announce(long caseId) {
    if (!targets.isEmpty()) {
      later.run(Duration.ZERO, () -> delivery.deliverCase(caseId));
    }
  }

  private interface Details {
    void addTo(ObjectNode body);
  }

  private void record(SupportCase c, String type, String key, Instant at, Details details) {
    List<WebhookTarget> wanting = targets.wanting(c.tenant(), type);
    if (wanting.isEmpty()) {
      return;
    }
    String eventId = eventId(c.tenant(), key);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", eventId);
    body.put("type", type);
    body.put("occurred_at", at.toString());
    body.put("tenant", c.tenant().key());
    Instant updated = cases.updatedAt(c.tenant(), c.id()).orElse(at);
    body.set(
        "case", CaseJson.of(c, updated, cards.teamOf(c).id(), cards.sla(c), names(c.tenant())));
    details.addTo(body);
    String payload;
    try {
      payload = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook event", e);
    }
    for (WebhookTarget t : wanting) {
      log.enqueue(
          WebhookEntry.draft(
              c.tenant(), t.id(), t.url(), eventId, key, type, c.id(), c.number(), payload, at));
    }
  }

  /** The same id for the same event on every node and every URL, so receivers can drop repeats. */
  static String eventId(TenantId tenant, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((tenant.key() + "|" + key).getBytes(StandardCharsets.UTF_8));
      return "evt_" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private java.util.function.Function<String, String> names(TenantId tenant) {
    return id -> directory.name(tenant, id);
  }
}
