package dev.followupbot.core.team;

import java.time.Instant;
import java.util.Objects;

/**
 * A setting an admin changed in chat for one team, e.g. {@code unclaimed.nudge_after = 20m}, with
 * who changed it and when. It wins over the file's value until it is unset.
 */
public record TeamOverride(
    String teamId, String setting, String value, String setBy, Instant setAt) {
  public TeamOverride {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(setBy, "setBy");
    Objects.requireNonNull(setAt, "setAt");
  }
}
