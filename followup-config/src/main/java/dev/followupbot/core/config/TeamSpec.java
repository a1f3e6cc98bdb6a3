package dev.followupbot.core.config;

import dev.followupbot.core.schedule.WeeklyHours;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One entry of {@code teams:} in {@code followup.yaml}: who the team is and where it lives, plus
 * any policy key of {@code defaults:} to override for this team.
 */
public record TeamSpec(
    String id,
    String name,
    List<String> channels,
    ZoneId timezone,
    List<String> leads,
    List<String> members,
    String userGroup,
    List<String> admins,
    WeeklyHours businessHours,
    List<LocalDate> holidays,
    PolicySpec.QuietSetting quietHours,
    PolicySpec.UnclaimedSpec unclaimed,
    PolicySpec.StaleSpec stale,
    PolicySpec.SlaSpec sla,
    PolicySpec.FollowUpSpec followUp,
    PolicySpec.CsatSpec csat,
    PolicySpec.DigestSpec digest,
    PolicySpec.NudgesSpec nudges,
    PolicySpec.IntakeSpec intake) {

  public TeamSpec {
    if (id == null || !id.strip().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
      throw new IllegalArgumentException(
          "each team needs an 'id' of letters, digits, - or _ (at most 40), e.g. id: billing"
              + (id == null ? "" : "; got '" + id + "'"));
    }
    if (id.strip().equalsIgnoreCase("default")) {
      throw new IllegalArgumentException(
          "'default' is the name of the implicit team for channels no team names; pick another id");
    }
    if (channels == null || channels.isEmpty()) {
      throw new IllegalArgumentException(
          "team '" + id + "' needs 'channels': the channel ids its cases are opened in");
    }
    for (String c : channels) {
      if (c == null
          || !c.matches("([a-z]+:[^/\\s]{1,140}/)?[^/\\s]{1,200}")
          || (c.contains("/") && !c.matches("(slack|teams|console):.*"))) {
        throw new IllegalArgumentException(
            "'"
                + c
                + "' is not a channel; write a channel id (C0456) or platform:workspace/channel"
                + " (slack:T0123/C0456, teams:<tenant-id>/<conversation-id>, console:local/console)");
      }
    }
    name = name == null || name.isBlank() ? id.strip() : name.strip();
    id = id.strip().toLowerCase(java.util.Locale.ROOT);
    channels = List.copyOf(channels);
    leads = leads == null ? List.of() : List.copyOf(leads);
    members = members == null ? List.of() : List.copyOf(members);
    admins = admins == null ? List.of() : List.copyOf(admins);
  }

  /** The policy keys written inline in this team. */
  public PolicySpec policy() {
    return new PolicySpec(
        businessHours,
        holidays,
        quietHours,
        unclaimed,
        stale,
        sla,
        followUp,
        csat,
        digest,
        nudges,
        intake);
  }
}
