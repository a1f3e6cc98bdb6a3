package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.SeenEvents;
import java.time.Instant;
import java.util.List;

/** Seen inbound events in the {@code seen_events} table; the primary key decides who was first. */
public final class JdbiSeenEvents implements SeenEvents {

  private static final int MAX_KEY = 400;

  private final JdbiTransactions tx;
  private final InsertOnce insert;

  public JdbiSeenEvents(JdbiTransactions tx, Database.Vendor vendor) {
    this.tx = tx;
    this.insert =
        new InsertOnce(tx, vendor, "seen_events", List.of("event_key"), List.of("seen_at"));
  }

  @Override
  public boolean firstTime(String eventKey, Instant now) {
    String key = eventKey.length() > MAX_KEY ? eventKey.substring(0, MAX_KEY) : eventKey;
    return insert.insert(u -> u.bind("event_key", key).bind("seen_at", now));
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
