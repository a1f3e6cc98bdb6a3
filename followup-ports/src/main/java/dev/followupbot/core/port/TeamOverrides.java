package dev.followupbot.core.port;

import dev.followupbot.core.team.TeamOverride;
import java.util.List;
import java.util.Optional;

/**
 * Stores the settings admins change in chat, durably, and keeps an append-only record of every
 * change (who, when, from what to what).
 */
public interface TeamOverrides {

  List<TeamOverride> all();

  /** Saves the override (replacing one for the same team and setting) and logs the change. */
  void put(TeamOverride override, Optional<String> previousValue);

  /** Removes the override, if any, and logs the change. Returns whether there was one. */
  boolean remove(String teamId, String setting, String by, java.time.Instant at);

  /** The team's logged changes, newest first, at most {@code limit}. */
  List<Change> changes(String teamId, int limit);

  /** One logged change: a setting went from one value to another (empty: the file's value). */
  record Change(
      String teamId,
      String setting,
      Optional<String> oldValue,
      Optional<String> newValue,
      String changedBy,
      java.time.Instant changedAt) {}
}
