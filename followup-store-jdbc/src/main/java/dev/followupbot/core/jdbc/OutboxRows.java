package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.OutboxEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How an outbox entry is written to its row and read back: the payload's kind, its destination
 * (with a thread and whether the channel sees the reply), the message as JSON, the case and the
 * reminder occurrence it delivers.
 */
final class OutboxRows {

  /** The columns a payload fills; those it does not use are null. */
  record Columns(
      String kind,
      String destinationKind,
      String destinationId,
      String thread,
      boolean broadcast,
      String messageJson,
      Long caseId,
      Long reminderId,
      Integer occurrence) {}

  private final ObjectMapper json = BlockJson.mapper();

  Columns columns(OutboxEntry e) {
    Long caseId = e.payload().about().orElse(null);
    if (!(e.payload() instanceof OutboxEntry.PostMessage m)) {
      return new Columns(kind(e.payload()), null, null, null, false, null, caseId, null, null);
    }
    Destination to = m.to();
    Optional<Destination.Channel> channel =
        to instanceof Destination.Channel c ? Optional.of(c) : Optional.empty();
    return new Columns(
        kind(e.payload()),
        to instanceof Destination.Direct ? "DIRECT" : "CHANNEL",
        to.target(),
        channel.flatMap(Destination.Channel::thread).orElse(null),
        channel.map(Destination.Channel::broadcast).orElse(false),
        toJson(m.message()),
        caseId,
        m.reminder().map(OutboxEntry.ReminderOccurrence::reminderId).orElse(null),
        m.reminder().map(OutboxEntry.ReminderOccurrence::occurrence).orElse(null));
  }

  /** The stored kind of a payload (the {@code kind} column). */
  private static String kind(OutboxEntry.Payload payload) {
    if (payload instanceof OutboxEntry.PostMessage) {
      return "MESSAGE";
    }
    return payload instanceof OutboxEntry.PostCaseCard ? "CASE_CARD" : "CARD_REFRESH";
  }

  OutboxEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    TenantId tenant = TenantId.fromKey(rs.getString("tenant_id"));
    long caseId = rs.getLong("case_id");
    Optional<Long> caseRef = rs.wasNull() ? Optional.empty() : Optional.of(caseId);
    String kind = rs.getString("kind");
    OutboxEntry.Payload payload;
    if (kind.equals("MESSAGE")) {
      String destKind = rs.getString("destination_kind");
      String destId = rs.getString("destination_id");
      Destination to =
          "DIRECT".equals(destKind)
              ? new Destination.Direct(new UserRef(tenant, destId))
              : new Destination.Channel(
                  tenant,
                  destId,
                  Optional.ofNullable(rs.getString("destination_thread")),
                  rs.getBoolean("destination_broadcast"));
      long reminderId = rs.getLong("reminder_id");
      boolean forReminder = !rs.wasNull();
      // Every reminder entry is written with its occurrence; 0 is the first.
      int occurrence = rs.getInt("reminder_occurrence");
      payload =
          new OutboxEntry.PostMessage(
              to,
              fromJson(rs.getString("message_json")),
              caseRef,
              forReminder
                  ? Optional.of(new OutboxEntry.ReminderOccurrence(reminderId, occurrence))
                  : Optional.empty());
    } else if (kind.equals("CASE_CARD")) {
      payload = new OutboxEntry.PostCaseCard(caseRef.orElseThrow());
    } else if (kind.equals("CARD_REFRESH")) {
      payload = new OutboxEntry.RefreshCard(caseRef.orElseThrow());
    } else {
      throw new IllegalStateException("unknown outbox entry kind " + kind);
    }
    return new OutboxEntry(
        rs.getLong("id"),
        tenant,
        DedupeKey.of(rs.getString("dedupe_key")),
        payload,
        new OutboxEntry.DeliveryState(
            OutboxEntry.State.valueOf(rs.getString("state")),
            rs.getInt("attempts"),
            instant(rs, "created_at"),
            instant(rs, "next_attempt_at"),
            Optional.ofNullable(rs.getString("last_error")),
            Optional.ofNullable(instant(rs, "slot_at")),
            Optional.ofNullable(instant(rs, "claimed_at")),
            Optional.ofNullable(rs.getString("claimed_by"))));
  }

  private String toJson(Message message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store message", e);
    }
  }

  private Message fromJson(String text) {
    try {
      return json.readValue(text, Message.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read stored message", e);
    }
  }
}
