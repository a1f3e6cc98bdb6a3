package dev.followupbot.core.service;

import static dev.followupbot.core.service.TeamAccess.who;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.config.AdminSettings;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.schedule.WeeklyHours;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamOverride;
import dev.followupbot.core.team.TeamSetting;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code admin set|unset|hours|holiday}, and the dashboard's edits: a change is validated exactly
 * as the file would be, stored with who made it and when, and put in force at once.
 */
final class TeamSettingsEditor {

  // Logged under AdminService, as before the split: operators filter on that name.
  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final SupportTeams teams;
  private final TeamOverrides overrides;
  private final TeamAccess access;
  private final TeamChangePropagation propagation;
  private final Clock clock;

  TeamSettingsEditor(
      SupportTeams teams,
      TeamOverrides overrides,
      TeamAccess access,
      TeamChangePropagation propagation,
      Clock clock) {
    this.teams = teams;
    this.overrides = overrides;
    this.access = access;
    this.propagation = propagation;
    this.clock = clock;
  }

  Reply set(Caller caller, Command.AdminSet command) {
    Optional<String> key = AdminSettings.canonical(command.setting());
    if (key.isEmpty()) {
      return Reply.privately(
          "I can't set `"
              + command.setting()
              + "`. Settings: "
              + String.join(", ", AdminSettings.KEYS)
              + " (priority is urgent, high, normal or low).");
    }
    return apply(caller, command.team(), Map.of(key.get(), command.value().strip()));
  }

  Reply unset(Caller caller, Command.AdminUnset command) {
    TeamAccess.Admission admission = access.admit(caller, command.team());
    if (admission instanceof TeamAccess.Admission.Refused refused) {
      return refused.reply();
    }
    SupportTeam team = ((TeamAccess.Admission.Admitted) admission).team();
    String key = AdminSettings.canonical(command.setting()).orElse(command.setting());
    if (!overrides.remove(team.id(), key, who(caller), clock.instant())) {
      return Reply.privately(
          team.label()
              + " has no chat override for `"
              + key
              + "`; it already uses the file's value.");
    }
    propagation.changed(Set.of(), Set.of(team.id()));
    log.info("admin unset team={} setting={} by={}", team.id(), key, who(caller));
    SupportTeam now = teams.byId(team.id()).orElseThrow();
    return Reply.privately(
        "Done: "
            + now.label()
            + " "
            + key
            + " is back to the file's value, "
            + TeamSetting.describe(now, key)
            + ". It applies now.");
  }

  Reply hours(Caller caller, Command.AdminHours command) {
    try {
      WeeklyHours.parse(command.hours());
    } catch (IllegalArgumentException e) {
      return Reply.privately(e.getMessage() + ".");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(TeamSetting.BUSINESS_HOURS.key(), command.hours());
    command.zone().ifPresent(zone -> settings.put(TeamSetting.TIMEZONE.key(), zone));
    return apply(caller, command.team(), settings);
  }

  Reply holiday(Caller caller, Command.AdminHoliday command) {
    TeamAccess.Admission admission = access.admit(caller, command.team());
    if (admission instanceof TeamAccess.Admission.Refused refused) {
      return refused.reply();
    }
    SupportTeam team = ((TeamAccess.Admission.Admitted) admission).team();
    Set<LocalDate> days = new TreeSet<>(team.policy().calendar().holidays());
    boolean changed = command.remove() ? days.remove(command.date()) : days.add(command.date());
    if (!changed) {
      return Reply.privately(
          command.date()
              + (command.remove() ? " isn't" : " is already")
              + " a holiday for "
              + team.label()
              + ".");
    }
    String list =
        days.stream().map(LocalDate::toString).collect(Collectors.joining(", ", "[", "]"));
    return apply(caller, command.team(), Map.of(TeamSetting.HOLIDAYS.key(), list));
  }

  private Reply apply(Caller caller, String teamId, Map<String, String> settings) {
    return Reply.privately(change(caller, teamId, settings, true).message());
  }

  /**
   * Changes one or more settings of a team as one change: all are checked together (as the file
   * would be) before any is stored, so a bad value leaves everything as it was. With {@code store}
   * false, only says whether the change would be taken.
   */
  SettingsOutcome change(
      Caller caller, String teamId, Map<String, String> settings, boolean store) {
    TeamAccess.Admission admission = access.admit(caller, teamId);
    if (admission instanceof TeamAccess.Admission.Refused refused) {
      return new SettingsOutcome.Refused(
          refused.reply().message().fallbackText(), Optional.empty());
    }
    SupportTeam team = ((TeamAccess.Admission.Admitted) admission).team();
    String id = team.id();
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String value = e.getValue();
      if (e.getKey().equals(TeamSetting.TIMEZONE.key())) {
        try {
          value = ZoneId.of(value).getId();
        } catch (DateTimeException ex) {
          return new SettingsOutcome.Refused(
              "'"
                  + value
                  + "' is not a time zone; use an IANA name such as Europe/Berlin or"
                  + " America/New_York. Nothing changed.",
              Optional.of(TeamSetting.TIMEZONE.key()));
        }
      }
      values.put(e.getKey(), value);
    }
    Instant now = clock.instant();
    List<TeamOverride> candidate = new ArrayList<>();
    Map<String, String> previous = new HashMap<>();
    for (TeamOverride o : overrides.all()) {
      if (o.teamId().equals(id) && values.containsKey(o.setting())) {
        previous.put(o.setting(), o.value());
      } else {
        candidate.add(o);
      }
    }
    Map<String, String> before = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          candidate.add(new TeamOverride(id, key, value, who(caller), now));
          before.put(key, TeamSetting.describe(team, key));
        });
    try {
      teams.preview(candidate);
    } catch (ConfigException e) {
      return new SettingsOutcome.Refused(
          "I can't set that: " + e.getMessage() + ". Nothing changed.",
          values.size() == 1 ? values.keySet().stream().findFirst() : Optional.empty());
    }
    if (!store) {
      return new SettingsOutcome.Applied("These settings can be set.");
    }
    values.forEach(
        (key, value) ->
            overrides.put(
                new TeamOverride(id, key, value, who(caller), now),
                Optional.ofNullable(previous.get(key)).or(() -> Optional.of(before.get(key)))));
    propagation.changed(Set.of(), Set.of(id));
    SupportTeam after = teams.byId(id).orElseThrow();
    List<String> done = new ArrayList<>();
    values.forEach(
        (key, value) -> {
          log.info(
              "admin set team={} setting={} value={} by={} (was {})",
              id,
              key,
              value,
              who(caller),
              before.get(key));
          done.add(
              key + " to " + TeamSetting.describe(after, key) + " (was " + before.get(key) + ")");
        });
    return new SettingsOutcome.Applied(
        "Set " + after.label() + " " + String.join(" and ", done) + ". It applies now.");
  }
}
