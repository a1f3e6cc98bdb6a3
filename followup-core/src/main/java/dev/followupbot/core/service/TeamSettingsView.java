package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.AdminSettings;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamOverride;
import dev.followupbot.core.team.TeamSetting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code admin show}: each team the caller administers, its people, and every setting in force,
 * with who changed it in chat and what the file says.
 */
final class TeamSettingsView {

  private final SupportTeams teams;
  private final TeamAccess access;
  private final ConfigReload reload;
  private final Directory directory;
  private final Clock clock;

  TeamSettingsView(
      SupportTeams teams,
      TeamAccess access,
      ConfigReload reload,
      Directory directory,
      Clock clock) {
    this.teams = teams;
    this.access = access;
    this.reload = reload;
    this.directory = directory;
    this.clock = clock;
  }

  Reply show(Caller caller, Optional<String> teamId) {
    if (!access.administersAny(caller)) {
      return access.refusal(caller, Optional.empty());
    }
    List<SupportTeam> visible = new ArrayList<>();
    if (teamId.isPresent()) {
      TeamAccess.Admission admission = access.admit(caller, teamId.get());
      if (admission instanceof TeamAccess.Admission.Refused refused) {
        return refused.reply();
      }
      visible.add(((TeamAccess.Admission.Admitted) admission).team());
    } else {
      for (SupportTeam t : teams.configured()) {
        if (access.administers(caller, t)) {
          visible.add(t);
        }
      }
    }
    SupportTeams.State fileOnly = teams.preview(List.of());
    Message.Builder b = Message.builder("Team settings: " + visible.size() + " team(s)");
    if (visible.isEmpty()) {
      b.section(
          "No teams are configured, so every channel runs on the defaults below. Add teams under"
              + " `teams:` in the configuration file.");
      visible = List.of(teams.fallback());
    }
    for (SupportTeam t : visible) {
      Optional<SupportTeam> file =
          t.implicit()
              ? Optional.of(fileOnly.fallback())
              : Optional.ofNullable(fileOnly.teams().get(t.id()));
      b.header(t.implicit() ? "Defaults (channels no team names)" : t.label());
      List<Block.Fact> facts = new ArrayList<>();
      if (!t.implicit()) {
        TenantId tenant = caller.tenant();
        facts.add(new Block.Fact("channels", String.join(", ", t.channels())));
        facts.add(
            new Block.Fact(
                "people",
                "leads "
                    + access.names(t.leads(), tenant)
                    + " · members "
                    + access.names(t.members(), tenant)
                    + " · admins "
                    + access.names(t.admins(), tenant)));
      }
      for (String key : shownKeys()) {
        facts.add(new Block.Fact(key, annotated(t, file, key, caller)));
      }
      b.facts(facts);
    }
    b.context(
        "Change with `admin set <team> <setting> <value>`, `admin hours`, `admin holiday`;"
            + " undo with `admin unset <team> <setting>`; `admin reload` re-reads "
            + reload.fileName()
            + ".");
    return Reply.privately(b.build());
  }

  private String annotated(SupportTeam t, Optional<SupportTeam> file, String key, Caller caller) {
    String current = TeamSetting.describe(t, key);
    for (TeamOverride o : teams.state().overrides()) {
      if (o.teamId().equals(t.id()) && o.setting().equals(key)) {
        return current
            + " (set in chat by "
            + whoName(o.setBy())
            + ", "
            + TimeFormats.when(o.setAt(), caller.zone(), clock.instant())
            + "; file: "
            + file.map(f -> TeamSetting.describe(f, key)).orElse("-")
            + ")";
      }
    }
    return current;
  }

  /** Every setting, the per-priority ones summarized; the repeat is part of the escalation. */
  private static List<String> shownKeys() {
    List<String> keys = new ArrayList<>();
    for (String k : AdminSettings.KEYS) {
      if (!k.endsWith(TeamSetting.PRIORITY_SUFFIX)
          && !k.equals(TeamSetting.UNCLAIMED_REPEAT.key())) {
        keys.add(k);
      }
    }
    keys.add(keys.indexOf(TeamSetting.SLA_WARN_AT.key()) + 1, TeamSetting.SLA_SUMMARY);
    keys.add(
        keys.indexOf(TeamSetting.FOLLOW_UP_AT.key()), TeamSetting.FOLLOW_UP_AFTER_RESOLUTION.key());
    return keys;
  }

  /** A stored "tenant/user" as a name to show. */
  private String whoName(String setBy) {
    int slash = setBy.indexOf('/');
    if (slash < 0) {
      return setBy;
    }
    try {
      return directory.name(
          TenantId.fromKey(setBy.substring(0, slash)), setBy.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      return setBy.substring(slash + 1);
    }
  }
}
