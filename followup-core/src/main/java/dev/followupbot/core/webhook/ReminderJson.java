package dev.followupbot.core.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.ReminderRepository;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shape of a reminder, the same in REST API answers and in webhook events, written the way
 * {@link CaseJson} writes a case.
 */
public final class ReminderJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ReminderJson() {}

  /**
   * The reminder as it is, with the case it is about ({@code about}) and the series it is an
   * occurrence of, if any.
   */
  public static ObjectNode of(
      Reminder r,
      Optional<SupportCase> about,
      Optional<ReminderRepository.Series> series,
      Function<String, String> names) {
    ObjectNode o = JSON.objectNode();
    o.put("number", r.number());
    o.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    o.put("status", r.status().label());
    o.set("recipient", CaseJson.person(r.recipientId(), names));
    o.set("created_by", CaseJson.person(r.creatorId(), names));
    if (about.isPresent()) {
      ObjectNode c = o.putObject("case");
      c.put("number", about.get().number());
      c.put("external_ref", about.get().externalRef().orElse(null));
    } else {
      o.putNull("case");
    }
    o.put("note", r.note().orElse(null));
    o.put("due_at", r.dueAt().toString());
    o.put("created_at", r.createdAt().toString());
    o.put("delivered_at", r.deliveredAt().map(Instant::toString).orElse(null));
    o.put("completed_at", r.completedAt().map(Instant::toString).orElse(null));
    o.put("snooze_count", r.snoozeCount());
    o.put("last_error", r.lastError().orElse(null));
    o.put("link", r.link().orElse(null));
    if (r.channel().isPresent()) {
      ObjectNode ch = o.putObject("channel");
      ch.put("id", r.channel().get().id());
      ch.put("name", r.channel().get().label());
    } else {
      o.putNull("channel");
    }
    if (series.isPresent()) {
      ObjectNode rep = o.putObject("repeats");
      rep.put("rule", series.get().rule().describe());
      rep.put("zone", series.get().zone().getId());
      rep.put("skip_holidays", series.get().skipHolidays());
      rep.put("active", series.get().active());
      rep.put("current", series.get().latestReminderId() == r.id());
    } else {
      o.putNull("repeats");
    }
    return o;
  }
}
