package dev.followupbot.core.port;

import java.time.Instant;

/**
 * Remembers which inbound platform events were already handled (a Slack {@code event_id}, a Teams
 * activity id), in the database, so a redelivered event has one effect across restarts and across
 * every node of a cluster.
 */
public interface SeenEvents {

  /**
   * Records the event. Returns true the first time a key is seen and false for every repeat, even
   * when two nodes record the same key at the same moment.
   */
  boolean firstTime(String eventKey, Instant now);

  /** Forgets events seen before the instant; returns how many were forgotten. */
  int forgetBefore(Instant before);
}
