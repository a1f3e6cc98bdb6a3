package dev.followupbot.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code teams:} YAML of a test's one team, for the common case of channels, people and intake:
 * {@code TeamYaml.team("support").channels("C1").members("ann", "bob").intake("auto").yaml()}.
 * Tests that need more of the team's keys write their YAML out.
 */
public final class TeamYaml {

  private final String id;
  private final List<String> channels = new ArrayList<>();
  private final Map<String, List<String>> people = new LinkedHashMap<>();
  private String intake;
  private final Map<String, String> intakeByChannel = new LinkedHashMap<>();

  private TeamYaml(String id) {
    this.id = id;
  }

  public static TeamYaml team(String id) {
    return new TeamYaml(id);
  }

  public TeamYaml channels(String... channelIds) {
    channels.addAll(List.of(channelIds));
    return this;
  }

  public TeamYaml members(String... userIds) {
    return people("members", userIds);
  }

  public TeamYaml admins(String... userIds) {
    return people("admins", userIds);
  }

  public TeamYaml leads(String... userIds) {
    return people("leads", userIds);
  }

  /** The team's intake mode ({@code auto}, {@code manual}, {@code off}). */
  public TeamYaml intake(String mode) {
    this.intake = mode;
    return this;
  }

  /** One channel's intake mode, overriding the team's. */
  public TeamYaml intake(String channelId, String mode) {
    intakeByChannel.put(channelId, mode);
    return this;
  }

  public String yaml() {
    StringBuilder y = new StringBuilder("teams:\n  - id: ").append(id).append('\n');
    y.append("    channels: [").append(String.join(", ", channels)).append("]\n");
    people.forEach(
        (role, ids) ->
            y.append("    ")
                .append(role)
                .append(": [")
                .append(String.join(", ", ids))
                .append("]\n"));
    if (intake != null || !intakeByChannel.isEmpty()) {
      y.append("    intake:\n");
      if (intake != null) {
        y.append("      mode: ").append(intake).append('\n');
      }
      if (!intakeByChannel.isEmpty()) {
        y.append("      channels:\n");
        intakeByChannel.forEach(
            (channel, mode) ->
                y.append("        ").append(channel).append(": ").append(mode).append('\n'));
      }
    }
    return y.toString();
  }

  private TeamYaml people(String role, String... userIds) {
    people.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of(userIds));
    return this;
  }
}
