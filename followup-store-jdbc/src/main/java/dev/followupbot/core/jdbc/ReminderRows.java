package dev.followupbot.core.jdbc;

import static dev.followupbot.core.jdbc.JdbiCaseRepository.instant;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code reminders} as a {@link Reminder}. */
final class ReminderRows {

  private ReminderRows() {}

  static Reminder map(ResultSet rs, StatementContext ctx) throws SQLException {
    long caseId = rs.getLong("case_id");
    boolean hasCase = !rs.wasNull();
    String channelId = rs.getString("channel_id");
    String channelName = rs.getString("channel_name");
    Optional<ReminderChannel> channel =
        channelId == null
            ? Optional.empty()
            : Optional.of(new ReminderChannel(channelId, channelName == null ? "" : channelName));
    return new Reminder(
        rs.getLong("id"),
        TenantId.fromKey(rs.getString("tenant_id")),
        rs.getInt("number"),
        rs.getString("recipient_id"),
        rs.getString("creator_id"),
        hasCase ? Optional.of(caseId) : Optional.empty(),
        ReminderKind.valueOf(rs.getString("kind")),
        Optional.ofNullable(rs.getString("note")),
        instant(rs, "due_at"),
        ReminderStatus.valueOf(rs.getString("status")),
        rs.getInt("occurrence"),
        rs.getInt("snooze_count"),
        instant(rs, "created_at"),
        Optional.ofNullable(instant(rs, "delivered_at")),
        Optional.ofNullable(instant(rs, "completed_at")),
        Optional.ofNullable(rs.getString("last_error")),
        Optional.ofNullable(rs.getString("link")),
        channel);
  }
}
