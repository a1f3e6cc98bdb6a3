package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.MessageRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** How a case and its history entries are written to their rows and read back. */
final class CaseRows {

  private CaseRows() {}

  static final RowMapper<CaseEvent> EVENT =
      (rs, ctx) ->
          new CaseEvent(
              rs.getLong("case_id"),
              instant(rs, "at"),
              rs.getString("actor_id"),
              CaseAction.valueOf(rs.getString("action")),
              Optional.ofNullable(rs.getString("from_status")).map(CaseStatus::valueOf),
              CaseStatus.valueOf(rs.getString("to_status")),
              Optional.ofNullable(rs.getString("from_owner")),
              Optional.ofNullable(rs.getString("to_owner")),
              Optional.ofNullable(rs.getString("reason")),
              Optional.ofNullable(rs.getString("via")));

  static Update bindAll(Update u, SupportCase c) {
    return u.bind("tenant", c.tenant().key())
        .bind("number", c.number())
        .bind("externalRef", c.externalRef().orElse(null))
        .bind("subject", c.subject())
        .bind("customer", c.customer().orElse(null))
        .bind("priority", c.priority().name())
        .bind("channel", c.channelId())
        .bind("status", c.status().name())
        .bind("owner", c.ownerId().orElse(null))
        .bind("createdBy", c.createdBy())
        .bindByType("createdAt", c.createdAt(), Instant.class)
        .bindByType("claimedAt", c.claimedAt().orElse(null), Instant.class)
        .bindByType("firstResponseAt", c.firstResponseAt().orElse(null), Instant.class)
        .bindByType("resolvedAt", c.resolvedAt().orElse(null), Instant.class)
        .bindByType("lastActivityAt", c.lastActivityAt(), Instant.class)
        .bindByType("waitingUntil", c.waitingUntil().orElse(null), Instant.class)
        .bind("version", c.version());
  }

  static SupportCase mapCase(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    String cardChannel = rs.getString("card_channel");
    String cardMessage = rs.getString("card_message_id");
    return new SupportCase(
        rs.getLong("id"),
        TenantId.fromKey(rs.getString("tenant_id")),
        rs.getInt("number"),
        Optional.ofNullable(rs.getString("external_ref")),
        rs.getString("subject"),
        Optional.ofNullable(rs.getString("customer")),
        Priority.valueOf(rs.getString("priority")),
        rs.getString("channel_id"),
        CaseStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("owner_id")),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        Optional.ofNullable(instant(rs, "claimed_at")),
        Optional.ofNullable(instant(rs, "first_response_at")),
        Optional.ofNullable(instant(rs, "resolved_at")),
        instant(rs, "last_activity_at"),
        Optional.ofNullable(instant(rs, "waiting_until")),
        cardChannel == null || cardMessage == null
            ? Optional.empty()
            : Optional.of(new MessageRef(cardChannel, cardMessage)),
        source(rs),
        rs.getInt("version"));
  }

  private static Optional<CaseSource> source(ResultSet rs) throws SQLException {
    String channel = rs.getString("source_channel");
    String message = rs.getString("source_message");
    String requester = rs.getString("requester_id");
    if (channel == null || message == null || requester == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CaseSource(
            channel, message, Optional.ofNullable(rs.getString("source_link")), requester));
  }
}
