package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.SeenEvents;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Seen inbound events in the {@code seen_events} table; the primary key decides who was first. */
public final class JdbiSeenEvents implements SeenEvents {

  private static final int MAX_KEY = 400;

  private final JdbiTransactions tx;
  private final Database.Vendor vendor;

  public JdbiSeenEvents(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.vendor = vendor;
  }

  @Override
  public boolean firstTime(String eventKey, Instant now) {
    String key = eventKey.length() > MAX_KEY ? eventKey.substring(0, MAX_KEY) : eventKey;
    // PostgreSQL aborts the transaction on a failed insert, so it skips duplicates in the
    // statement.
    String onConflict =
        vendor == Database.Vendor.POSTGRESQL ? " ON CONFLICT (event_key) DO NOTHING" : "";
    try {
      return tx.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO seen_events (event_key, seen_at) SELECT :key, :now"
                              + " WHERE NOT EXISTS (SELECT 1 FROM seen_events WHERE event_key = :key)"
                              + onConflict)
                      .bind("key", key)
                      .bind("now", now)
                      .execute())
          == 1;
    } catch (UnableToExecuteStatementException e) {
      if (UniqueViolation.isCauseOf(e)) {
        return false; // another node recorded it a moment ago
      }
      throw e;
    }
  }

  @Override
  public int forgetBefore(Instant before) {
    return tx.withHandle(
        h ->
            h.createUpdate("DELETE FROM seen_events WHERE seen_at < :before")
                .bind("before", before)
                .execute());
  }
}
