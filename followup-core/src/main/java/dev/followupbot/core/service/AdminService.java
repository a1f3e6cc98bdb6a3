package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.config.AdminSettings;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamSetting;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Team schedules in chat: {@code admin show|set|unset|hours|holiday|reload}. Only admins named in
 * the configuration may use them ({@link TeamAccess}). A change is validated exactly as the file
 * would be, stored with who made it and when ({@link TeamSettingsEditor}), and takes effect at
 * once: digests are rescheduled and open cases' timers re-checked ({@link TeamChangePropagation}).
 */
public final class AdminService {

  private final SupportTeams teams;
  private final TeamAccess access;
  private final TeamSettingsView view;
  private final TeamSettingsEditor editor;
  private final ConfigReload reload;
  private final TeamChangePropagation propagation;

  public AdminService(
      SupportTeams teams,
      TeamOverrides overrides,
      Optional<ConfigSource> source,
      DigestService digests,
      OpenCaseRechecks rechecks,
      CaseWatch watch,
      CaseRepository cases,
      Directory directory,
      Clock clock) {
    this.teams = teams;
    this.access = new TeamAccess(teams, directory);
    this.propagation = new TeamChangePropagation(teams, overrides, digests, rechecks, watch, cases);
    this.reload = new ConfigReload(teams, source, propagation);
    this.view = new TeamSettingsView(teams, access, reload, directory, clock);
    this.editor = new TeamSettingsEditor(teams, overrides, access, propagation, clock);
  }

  public Reply show(Caller caller, Optional<String> teamId) {
    return view.show(caller, teamId);
  }

  /** The ids the configuration file needs: the caller's, the channel's, and its team. */
  public Reply whoAmI(Caller caller) {
    SupportTeam team = teams.forChannel(caller.tenant(), caller.channelId());
    boolean admin = teams.isAdmin(caller.ref(), Optional.of(team).filter(t -> !t.implicit()));
    String text =
        "You are "
            + caller.displayName()
            + ", id `"
            + caller.userId()
            + "`, in `"
            + caller.tenant().key()
            + "`. This channel is `"
            + caller.channelId()
            + "`, "
            + (team.implicit()
                ? "which no team names (it uses the defaults)."
                : "team " + team.label() + ".")
            + (admin ? " You're an admin here." : "")
            + " In the configuration file, write people as `"
            + caller.userId()
            + "` (or `"
            + caller.tenant().key()
            + "/"
            + caller.userId()
            + "`) and this channel as `"
            + caller.tenant().key()
            + "/"
            + caller.channelId()
            + "`.";
    return Reply.privately(text);
  }

  public Reply set(Caller caller, Command.AdminSet command) {
    return editor.set(caller, command);
  }

  public Reply unset(Caller caller, Command.AdminUnset command) {
    return editor.unset(caller, command);
  }

  public Reply hours(Caller caller, Command.AdminHours command) {
    return editor.hours(caller, command);
  }

  public Reply holiday(Caller caller, Command.AdminHoliday command) {
    return editor.holiday(caller, command);
  }

  public Reply reload(Caller caller) {
    if (!access.administersAny(caller)) {
      return access.refusal(caller, Optional.empty());
    }
    return Reply.privately(reloadFromSource(TeamAccess.who(caller)));
  }

  /**
   * Re-reads the configuration file (on {@code admin reload} or when the file changes). A file that
   * does not load is refused and the running configuration stays in force. Returns what happened.
   */
  public String reloadFromSource(String by) {
    return reload.reload(by);
  }

  /**
   * Changes one or more settings of a team as one change, as {@code admin set} does: checked
   * together before any is stored, recorded with who made it, in force at once. Keys are canonical
   * ({@link AdminSettings#canonical}).
   */
  public SettingsOutcome change(Caller caller, String teamId, Map<String, String> settings) {
    return editor.change(caller, teamId, settings, true);
  }

  /** Whether {@link #change} would take these settings, without storing anything. */
  public SettingsOutcome check(Caller caller, String teamId, Map<String, String> settings) {
    return editor.change(caller, teamId, settings, false);
  }

  /**
   * Picks up overrides another node stored (the sweep calls this), so a cluster agrees on every
   * admin change within a sweep or two.
   */
  public void refreshOverrides() {
    propagation.refreshOverrides();
  }

  /** A setting's value in force, as an admin would write it ({@link TeamSetting#describe}). */
  public static String value(SupportTeam t, String key) {
    return TeamSetting.describe(t, key);
  }
}
