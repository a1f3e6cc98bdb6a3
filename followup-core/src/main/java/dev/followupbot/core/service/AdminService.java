package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.AdminSettings;
import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.schedule.WeeklyHours;
import dev.followupbot.core.team.Durations;
import dev.followupbot.core.team.EscalationStep;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamOverride;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Team schedules in chat: {@code admin show|set|unset|hours|holiday|reload}. Only admins named in
 * the configuration may use them. A change is validated exactly as the file would be, stored with
 * who made it and when, and takes effect at once: digests are rescheduled and open cases' timers
 * re-checked.
 */
public final class AdminService {

  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final SupportTeams teams;
  private final TeamOverrides overrides;
  private final Optional<ConfigSource> source;
  private final DigestService digests;
  private final OpenCaseRechecks rechecks;
  private volatile List<TeamOverride> lastStored = List.of();
  private final CaseWatch watch;
  private final CaseRepository cases;
  private final Directory directory;
  private final Clock clock;

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
    this.overrides = overrides;
    this.source = source;
    this.digests = digests;
    this.rechecks = rechecks;
    this.watch = watch;
    this.cases = cases;
    this.directory = directory;
    this.clock = clock;
  }

  public Reply show(Caller caller, Optional<String> teamId) {
    List<SupportTeam> visible = new ArrayList<>();
    for (SupportTeam t : teams.configured()) {
      if (teams.isAdmin(caller.ref(), Optional.of(t))) {
        visible.add(t);
      }
    }
    boolean global = teams.isAdmin(caller.ref(), Optional.empty());
    if (visible.isEmpty() && !global) {
      return refusal(caller, Optional.empty());
    }
    if (teamId.isPresent()) {
      Optional<SupportTeam> one = teams.byId(teamId.get());
      if (one.isEmpty()) {
        return unknownTeam(teamId.get());
      }
      if (!teams.isAdmin(caller.ref(), one)) {
        return refusal(caller, one);
      }
      visible = List.of(one.get());
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
        facts.add(new Block.Fact("channels", String.join(", ", t.channels())));
        facts.add(
            new Block.Fact(
                "people",
                "leads "
                    + names(t.leads(), caller.tenant())
                    + " · members "
                    + names(t.members(), caller.tenant())
                    + " · admins "
                    + names(t.admins(), caller.tenant())));
      }
      for (String key : shownKeys()) {
        facts.add(new Block.Fact(key, annotated(t, file, key, caller)));
      }
      b.facts(facts);
    }
    b.context(
        "Change with `admin set <team> <setting> <value>`, `admin hours`, `admin holiday`;"
            + " undo with `admin unset <team> <setting>`; `admin reload` re-reads "
            + source.map(ConfigSource::name).orElse("the configuration file")
            + ".");
    return Reply.privately(b.build());
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

  public Reply unset(Caller caller, Command.AdminUnset command) {
    Optional<SupportTeam> team = teams.byId(command.team());
    if (team.isEmpty()) {
      return unknownTeam(command.team());
    }
    if (!teams.isAdmin(caller.ref(), team)) {
      return refusal(caller, team);
    }
    String key = AdminSettings.canonical(command.setting()).orElse(command.setting());
    if (!overrides.remove(team.get().id(), key, who(caller), clock.instant())) {
      return Reply.privately(
          team.get().label()
              + " has no chat override for `"
              + key
              + "`; it already uses the file's value.");
    }
    changed(Set.of(), Set.of(team.get().id()));
    log.info("admin unset team={} setting={} by={}", team.get().id(), key, who(caller));
    SupportTeam now = teams.byId(team.get().id()).orElseThrow();
    return Reply.privately(
        "Done: "
            + now.label()
            + " "
            + key
            + " is back to the file's value, "
            + value(now, key)
            + ". It applies now.");
  }

  public Reply hours(Caller caller, Command.AdminHours command) {
    try {
      WeeklyHours.parse(command.hours());
    } catch (IllegalArgumentException e) {
      return Reply.privately(e.getMessage() + ".");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("business_hours", command.hours());
    command.zone().ifPresent(zone -> settings.put("timezone", zone));
    return apply(caller, command.team(), settings);
  }

  public Reply holiday(Caller caller, Command.AdminHoliday command) {
    Optional<SupportTeam> team = teams.byId(command.team());
    if (team.isEmpty()) {
      return unknownTeam(command.team());
    }
    if (!teams.isAdmin(caller.ref(), team)) {
      return refusal(caller, team);
    }
    Set<LocalDate> days = new TreeSet<>(team.get().policy().calendar().holidays());
    boolean changed = command.remove() ? days.remove(command.date()) : days.add(command.date());
    if (!changed) {
      return Reply.privately(
          command.date()
              + (command.remove() ? " isn't" : " is already")
              + " a holiday for "
              + team.get().label()
              + ".");
    }
    String list =
        days.stream().map(LocalDate::toString).collect(Collectors.joining(", ", "[", "]"));
    return apply(caller, command.team(), Map.of("holidays", list));
  }

  public Reply reload(Caller caller) {
    if (!teams.isAdmin(caller.ref(), Optional.empty())
        && teams.configured().stream()
            .noneMatch(t -> teams.isAdmin(caller.ref(), Optional.of(t)))) {
      return refusal(caller, Optional.empty());
    }
    return Reply.privately(reloadFromSource(who(caller)));
  }

  /**
   * Re-reads the configuration file (on {@code admin reload} or when the file changes). A file that
   * does not load is refused and the running configuration stays in force. Returns what happened.
   */
  public String reloadFromSource(String by) {
    if (source.isEmpty()) {
      return "There is no configuration file to reload: followup-bot runs on its built-in defaults."
          + " Set FOLLOWUP_CONFIG (or create config/followup.yaml) and restart.";
    }
    Set<String> before = new HashSet<>(teams.state().teams().keySet());
    try {
      FollowupConfig config = source.get().load();
      teams.reload(config);
    } catch (ConfigException e) {
      log.warn(
          "configuration reload refused ({}); the running configuration stays in force: {}",
          by,
          e.getMessage());
      return "I couldn't reload "
          + source.get().name()
          + ": "
          + e.getMessage()
          + ". The running configuration stays in force.";
    }
    Set<String> gone = new HashSet<>(before);
    gone.removeAll(teams.state().teams().keySet());
    changed(gone, teams.state().teams().keySet());
    List<String> ids = teams.configured().stream().map(SupportTeam::id).toList();
    log.info("configuration reloaded from {} by {}: teams {}", source.get().name(), by, ids);
    return "Reloaded "
        + source.get().name()
        + ": "
        + (ids.isEmpty()
            ? "no teams (defaults everywhere)"
            : ids.size() + " team(s), " + String.join(", ", ids))
        + ". It applies now.";
  }

  /**
   * Changes one or more settings of a team as one change: all are checked together (as the file
   * would be) before any is stored, so a bad value leaves everything as it was.
   */
  private Reply apply(Caller caller, String teamId, Map<String, String> settings) {
    return Reply.privately(change(caller, teamId, settings).message());
  }

  /**
   * Changes one or more settings of a team as one change, as {@code admin set} does: checked
   * together before any is stored, recorded with who made it, in force at once. Keys are canonical
   * ({@link AdminSettings#canonical}).
   */
  public SettingsOutcome change(Caller caller, String teamId, Map<String, String> settings) {
    return change(caller, teamId, settings, true);
  }

  /** Whether {@link #change} would take these settings, without storing anything. */
  public SettingsOutcome check(Caller caller, String teamId, Map<String, String> settings) {
    return change(caller, teamId, settings, false);
  }

  private SettingsOutcome change(
      Caller caller, String teamId, Map<String, String> settings, boolean store) {
    Optional<SupportTeam> team = teams.byId(teamId);
    if (team.isEmpty()) {
      return refused(unknownTeam(teamId), Optional.empty());
    }
    if (!teams.isAdmin(caller.ref(), team)) {
      return refused(refusal(caller, team), Optional.empty());
    }
    String id = team.get().id();
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String value = e.getValue();
      if (e.getKey().equals("timezone")) {
        try {
          value = ZoneId.of(value).getId();
        } catch (DateTimeException ex) {
          return new SettingsOutcome.Refused(
              "'"
                  + value
                  + "' is not a time zone; use an IANA name such as Europe/Berlin or"
                  + " America/New_York. Nothing changed.",
              Optional.of("timezone"));
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
          before.put(key, value(team.get(), key));
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
    changed(Set.of(), Set.of(id));
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
          done.add(key + " to " + value(after, key) + " (was " + before.get(key) + ")");
        });
    return new SettingsOutcome.Applied(
        "Set " + after.label() + " " + String.join(" and ", done) + ". It applies now.");
  }

  private static SettingsOutcome refused(Reply reply, Optional<String> setting) {
    return new SettingsOutcome.Refused(reply.message().fallbackText(), setting);
  }

  /** How many open cases a change re-checks at once; the next sweep re-checks the rest. */
  static final int RECHECK_NOW = 300;

  /**
   * Applies the stored overrides, reschedules digests, and re-checks the timers of the affected
   * teams' open cases: a few hundred at once, so the admin gets an answer within Slack's three
   * seconds, and all of them at the next sweep.
   */
  private void changed(Set<String> goneTeams, Set<String> affectedTeams) {
    teams.withOverrides(overrides.all());
    digests.scheduleAll(goneTeams);
    rechecks.request();
    int checked = 0;
    for (SupportCase c : cases.openEverywhere(RECHECK_NOW * 4)) {
      if (!affectedTeams.contains(teams.forChannel(c.tenant(), c.channelId()).id())) {
        continue;
      }
      if (checked++ >= RECHECK_NOW) {
        return;
      }
      try {
        watch.evaluate(c.tenant(), c.id());
      } catch (RuntimeException e) {
        log.warn("could not re-check case {} in {}: {}", c.number(), c.tenant(), e.toString());
      }
    }
  }

  /**
   * Picks up overrides another node stored (the sweep calls this), so a cluster agrees on every
   * admin change within a sweep or two.
   */
  public void refreshOverrides() {
    List<TeamOverride> stored = overrides.all();
    if (stored.equals(lastStored) || stored.equals(teams.state().overrides())) {
      lastStored = stored;
      return;
    }
    lastStored = stored;
    try {
      teams.withOverrides(stored);
    } catch (ConfigException e) {
      log.warn("stored team settings do not build; keeping the running ones: {}", e.getMessage());
      return;
    }
    digests.scheduleAll(Set.of());
    rechecks.request();
    log.info("team settings changed on another node; applied here");
  }

  private String annotated(SupportTeam t, Optional<SupportTeam> file, String key, Caller caller) {
    String current = value(t, key);
    for (TeamOverride o : teams.state().overrides()) {
      if (o.teamId().equals(t.id()) && o.setting().equals(key)) {
        return current
            + " (set in chat by "
            + whoName(o.setBy())
            + ", "
            + TimeFormats.when(o.setAt(), caller.zone(), clock.instant())
            + "; file: "
            + file.map(f -> value(f, key)).orElse("-")
            + ")";
      }
    }
    return current;
  }

  private static List<String> shownKeys() {
    List<String> keys = new ArrayList<>();
    for (String k : AdminSettings.KEYS) {
      if (!k.endsWith("<priority>") && !k.equals("unclaimed.repeat")) {
        keys.add(k);
      }
    }
    keys.add(keys.indexOf("sla.warn_at") + 1, "sla");
    keys.add(keys.indexOf("follow_up.at"), "follow_up.after_resolution");
    return keys;
  }

  /** A setting's value in force, as an admin would write it. */
  public static String value(SupportTeam t, String key) {
    TeamPolicy p = t.policy();
    if (key.startsWith("sla.first_response.")
        || key.startsWith("sla.resolution.")
        || key.startsWith("follow_up.after_resolution.")) {
      Priority priority =
          Priority.fromLabel(key.substring(key.lastIndexOf('.') + 1)).orElse(Priority.NORMAL);
      java.util.Map<Priority, Duration> map =
          key.startsWith("sla.first_response.")
              ? p.sla().firstResponse()
              : key.startsWith("sla.resolution.")
                  ? p.sla().resolution()
                  : p.followUp().afterResolution();
      return Optional.ofNullable(map.get(priority)).map(Durations::format).orElse("off");
    }
    switch (key) {
      case "timezone":
        return t.zone().getId();
      case "business_hours":
        return p.calendar().describeHours();
      case "holidays":
        return p.calendar().holidays().isEmpty()
            ? "none"
            : new TreeSet<>(p.calendar().holidays()).toString();
      case "quiet_hours":
        return p.quietHours().map(q -> q.format()).orElse("none");
      case "unclaimed.nudge_after":
        return p.unclaimed().nudgeAfter().map(Durations::format).orElse("off");
      case "unclaimed.escalation":
        return p.unclaimed().escalation().isEmpty()
            ? "none"
            : p.unclaimed().escalation().stream()
                    .map(EscalationStep::describe)
                    .collect(Collectors.joining("; "))
                + (p.unclaimed().repeat() > 0 ? "; repeated " + p.unclaimed().repeat() + "×" : "");
      case "unclaimed.repeat":
        return Integer.toString(p.unclaimed().repeat());
      case "stale.after":
        return p.stale().after().map(Durations::format).orElse("off");
      case "stale.escalate_after":
        return p.stale().escalateAfter().map(Durations::format).orElse("off");
      case "sla.warn_at":
        return Math.round(p.sla().warnAt() * 100) + "%";
      case "sla":
        return "first response "
            + targets(p.sla().firstResponse())
            + "; resolution "
            + targets(p.sla().resolution());
      case "follow_up.after_resolution":
        return targets(p.followUp().afterResolution());
      case "follow_up.at":
        return p.followUp().at().toString();
      case "csat.low_score":
        return Integer.toString(p.csat().lowScore());
      case "csat.on_low":
        return p.csat().onLow().key();
      case "digest.team":
        return p.digest()
            .team()
            .map(c -> "\"" + c.expression() + "\" (" + c.zone().getId() + ")")
            .orElse("off");
      case "digest.personal":
        return p.digest().personal() ? "on" : "off";
      case "nudges.group_window":
        return Durations.format(p.groupWindow());
      default:
        return "?";
    }
  }

  private static String targets(java.util.Map<Priority, Duration> byPriority) {
    StringBuilder s = new StringBuilder();
    for (Priority pr : Priority.values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(pr.label())
          .append(' ')
          .append(Optional.ofNullable(byPriority.get(pr)).map(Durations::format).orElse("off"));
    }
    return s.toString();
  }

  private String names(List<String> ids, dev.followupbot.core.domain.TenantId tenant) {
    return ids.isEmpty()
        ? "none"
        : ids.stream()
            .map(id -> id.replaceFirst("^.*/", ""))
            .map(id -> NudgeViews.mention(id, u -> directory.name(tenant, u)))
            .collect(Collectors.joining(" "));
  }

  /** Who made a change, stably: the tenant and the user id (names change and repeat). */
  private static String who(Caller caller) {
    return caller.tenant().key() + "/" + caller.userId();
  }

  /** A stored "tenant/user" as a name to show. */
  private String whoName(String setBy) {
    int slash = setBy.indexOf('/');
    if (slash < 0) {
      return setBy;
    }
    try {
      return directory.name(
          dev.followupbot.core.domain.TenantId.fromKey(setBy.substring(0, slash)),
          setBy.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      return setBy.substring(slash + 1);
    }
  }

  private Reply unknownTeam(String id) {
    List<String> ids = teams.configured().stream().map(SupportTeam::id).toList();
    return Reply.privately(
        "I don't know a team called '"
            + id
            + "'. "
            + (ids.isEmpty()
                ? "No teams are configured yet; add them under `teams:` in the configuration file."
                : "Teams: " + String.join(", ", ids) + "."));
  }

  private Reply refusal(Caller caller, Optional<SupportTeam> team) {
    String who =
        team.filter(t -> !t.admins().isEmpty())
            .map(t -> " For " + t.label() + " that's " + names(t.admins(), caller.tenant()) + ".")
            .orElse("");
    return Reply.privately(
        "Sorry "
            + caller.displayName()
            + ", only admins named in the configuration can see or change team settings."
            + who
            + " Global admins are listed under `admins:` in the configuration file.");
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
