package dev.followupbot.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.event.EventTypes;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.port.WebhookEntry;
import dev.followupbot.core.port.WebhookLog;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.webhook.CaseJson;
import dev.followupbot.core.webhook.ReminderJson;
import dev.followupbot.core.webhook.WebhookTarget;
import dev.followupbot.core.webhook.WebhookTargets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns case changes, SLA state changes, CSAT scores and reminder changes into webhook events. Each
 * {@code record…} method runs inside the transaction of the change it reports and queues one entry
 * per webhook that wants the event; {@link #announce} then starts delivery right after the commit
 * (the sweep delivers whatever it does not).
 */
public final class WebhookEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many due events an announcement of a reminder's events sends at most. */
  private static final int DUE_BATCH = 100;

  private final WebhookTargets targets;
  private final WebhookLog log;
  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final CaseCards cards;
  private final Directory directory;
  private final WebhookDelivery delivery;
  private final Later later;

  public WebhookEvents(
      WebhookTargets targets,
      WebhookLog log,
      CaseRepository cases,
      ReminderRepository reminders,
      CaseCards cards,
      Directory directory,
      WebhookDelivery delivery,
      Later later) {
    this.targets = targets;
    this.log = log;
    this.cases = cases;
    this.reminders = reminders;
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

  /**
   * A change of reminder {@code r} ({@code after} it), one of the {@code reminder.*} types other
   * than {@link #reminderCancelled}: the key names its occurrence, so each is reported once.
   */
  public void reminderChanged(Reminder r, String type, Instant at) {
    recordReminder(r, type, at, reminders.seriesOf(r.id()), body -> {});
  }

  /**
   * Reminder {@code r} was cancelled, or is the occurrence whose series ended; {@code seriesEnded}
   * says whether its series ends with this change (it is then shown no longer active).
   */
  public void reminderCancelled(Reminder r, boolean seriesEnded, Instant at) {
    Optional<ReminderRepository.Series> series = reminders.seriesOf(r.id());
    if (seriesEnded) {
      series =
          series.map(
              s ->
                  new ReminderRepository.Series(
                      s.id(),
                      s.tenant(),
                      s.rule(),
                      s.zone(),
                      s.skipHolidays(),
                      s.channelId(),
                      false,
                      s.latestReminderId()));
    }
    recordReminder(
        r,
        EventTypes.REMINDER_CANCELLED,
        at,
        series,
        body -> body.put("series_ended", seriesEnded));
  }

  /** Starts delivering the case's queued events now, in the background. */
  public void announce(long caseId) {
    if (!targets.isEmpty()) {
      later.run(Duration.ZERO, () -> delivery.deliverCase(caseId));
    }
  }

  /** Starts delivering the events queued for the reminder now, in the background. */
  public void announce(Reminder r) {
    announce(List.of(r));
  }

  /** Starts delivering the events queued for these reminders now, in the background. */
  public void announce(Collection<Reminder> changed) {
    changed.stream().flatMap(r -> r.caseId().stream()).distinct().forEach(this::announce);
    if (!targets.isEmpty() && changed.stream().anyMatch(r -> r.caseId().isEmpty())) {
      // Events of no case wait for no other: whatever is due goes, these with it.
      later.run(Duration.ZERO, () -> delivery.deliverDue(DUE_BATCH));
    }
  }

  private interface Details {
    void addTo(ObjectNode body);
  }

  private void recordReminder(
      Reminder r,
      String type,
      Instant at,
      Optional<ReminderRepository.Series> series,
      Details details) {
    Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(r.tenant(), id));
    record(
        r.tenant(),
        about,
        type,
        "reminder:" + r.id() + ":" + r.occurrence() + ":" + type.substring("reminder.".length()),
        at,
        body -> {
          body.set("reminder", ReminderJson.of(r, about, series, names(r.tenant())));
          details.addTo(body);
        });
  }

  private void record(SupportCase c, String type, String key, Instant at, Details details) {
    record(c.tenant(), Optional.of(c), type, key, at, details);
  }

  private void record(
      TenantId tenant,
      Optional<SupportCase> about,
      String type,
      String key,
      Instant at,
      Details details) {
    List<WebhookTarget> wanting = targets.wanting(tenant, type);
    if (wanting.isEmpty()) {
      return;
    }
    String eventId = eventId(tenant, key);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", eventId);
    body.put("type", type);
    body.put("occurred_at", at.toString());
    body.put("tenant", tenant.key());
    if (about.isPresent()) {
      SupportCase c = about.get();
      Instant updated = cases.updatedAt(tenant, c.id()).orElse(at);
      body.set("case", CaseJson.of(c, updated, cards.teamOf(c).id(), cards.sla(c), names(tenant)));
    } else {
      body.putNull("case");
    }
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
              tenant,
              t.id(),
              t.url(),
              eventId,
              key,
              type,
              about.map(SupportCase::id),
              about.map(SupportCase::number),
              payload,
              at));
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
