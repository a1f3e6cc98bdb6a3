package dev.followupbot.core.config;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamOverride;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The support teams in force: the configuration file's teams and defaults, with the overrides
 * admins set in chat on top. Swapped whole on reload and on every override, so a lookup always sees
 * one consistent set; a configuration that does not build is refused and the running one stays.
 */
public final class SupportTeams {

  /** Settings that are the team's own rather than policy keys. */
  static final String TIMEZONE = "timezone";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SupportTeams.class);

  private final AtomicReference<State> state;

  /** One consistent set of teams, and what it was built from. */
  public record State(
      FollowupConfig config,
      List<TeamOverride> overrides,
      Map<String, SupportTeam> teams,
      SupportTeam fallback) {}

  /**
   * The teams of {@code config} with the stored overrides. A stored override that no longer builds
   * (a setting a newer version reads differently) is left out with a warning naming it, rather than
   * stopping start-up over something the file cannot fix.
   */
  public SupportTeams(FollowupConfig config, List<TeamOverride> overrides) {
    State built;
    try {
      built = build(config, overrides);
    } catch (ConfigException e) {
      List<TeamOverride> good = new ArrayList<>();
      for (TeamOverride o : overrides) {
        List<TeamOverride> candidate = new ArrayList<>(good);
        candidate.add(o);
        try {
          build(config, candidate);
          good.add(o);
        } catch (ConfigException bad) {
          log.warn(
              "ignoring the team setting {} {} = {} stored by {}: {}. Change it with `admin set`"
                  + " or remove it with `admin unset`.",
              o.teamId(),
              o.setting(),
              o.value(),
              o.setBy(),
              bad.getMessage());
        }
      }
      built = build(config, good);
    }
    this.state = new AtomicReference<>(built);
  }

  public State state() {
    return state.get();
  }

  public FollowupConfig config() {
    return state.get().config();
  }

  /** The configured teams, in file order. */
  public List<SupportTeam> configured() {
    return List.copyOf(state.get().teams().values());
  }

  public Optional<SupportTeam> byId(String id) {
    return Optional.ofNullable(state.get().teams().get(SupportTeam.normalizeId(id)));
  }

  /** The team a case opened in this channel belongs to, or the implicit default team. */
  public SupportTeam forChannel(TenantId tenant, String channelId) {
    State s = state.get();
    for (SupportTeam t : s.teams().values()) {
      if (t.owns(tenant, channelId)) {
        return t;
      }
    }
    return s.fallback();
  }

  /** The default team's policy applies to everything no team claims. */
  public SupportTeam fallback() {
    return state.get().fallback();
  }

  /** Teams that list the person as lead or member (in file order). */
  public List<SupportTeam> teamsOf(UserRef user) {
    List<SupportTeam> out = new ArrayList<>();
    for (SupportTeam t : state.get().teams().values()) {
      if (t.leadsIn(user.tenant()).contains(user.userId())
          || t.membersIn(user.tenant()).contains(user.userId())) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the person may change this team's settings: a global or a team admin. */
  public boolean isAdmin(UserRef user, Optional<SupportTeam> team) {
    if (config().accessPolicy().isAdmin(user)) {
      return true;
    }
    return team.map(t -> t.isAdmin(user.userId(), user.tenant())).orElse(false);
  }

  /**
   * Builds teams from a new file; throws ConfigException (nothing changes) if it does not build.
   */
  public State reload(FollowupConfig config) {
    State next = build(config, state.get().overrides());
    state.set(next);
    return next;
  }

  /** Builds teams with a new set of overrides; throws ConfigException if they do not build. */
  public State withOverrides(List<TeamOverride> overrides) {
    State next = build(state.get().config(), overrides);
    state.set(next);
    return next;
  }

  /** Builds the teams these overrides would give, without applying them (throws if they fail). */
  public State preview(List<TeamOverride> overrides) {
    return build(state.get().config(), overrides);
  }

  private static State build(FollowupConfig config, List<TeamOverride> overrides) {
    PolicySpec base = TeamPolicies.BUILT_IN.overriddenBy(config.defaults());
    Map<String, SupportTeam> teams = new LinkedHashMap<>();
    for (TeamSpec spec : config.teams()) {
      PolicySpec merged = base.overriddenBy(spec.policy());
      ZoneId zone = spec.timezone() == null ? config.timezone() : spec.timezone();
      for (TeamOverride o : overrides) {
        if (!o.teamId().equals(spec.id())) {
          continue;
        }
        if (o.setting().equals(TIMEZONE)) {
          try {
            zone = ZoneId.of(o.value().strip());
          } catch (java.time.DateTimeException e) {
            throw new ConfigException(
                "team '"
                    + spec.id()
                    + "' timezone: '"
                    + o.value()
                    + "' is not a time zone; use an"
                    + " IANA name such as Europe/Berlin");
          }
        } else {
          merged = merged.overriddenBy(fragment(o));
        }
      }
      teams.put(
          spec.id(),
          new SupportTeam(
              spec.id(),
              spec.name(),
              spec.channels(),
              zone,
              spec.leads(),
              spec.members(),
              Optional.ofNullable(spec.userGroup()),
              spec.admins(),
              resolve(merged, zone, spec.id()),
              false));
    }
    PolicySpec fallbackSpec =
        base.overriddenBy(
            new PolicySpec(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new PolicySpec.DigestSpec("off", null),
                null,
                // Channels no team names take no cases from conversations unless a channel says so.
                new PolicySpec.IntakeSpec("off", null, null, null, null, null, null)));
    SupportTeam fallback =
        new SupportTeam(
            SupportTeam.DEFAULT_ID,
            "everyone",
            List.of(),
            config.timezone(),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            resolve(fallbackSpec, config.timezone(), SupportTeam.DEFAULT_ID),
            true);
    return new State(config, List.copyOf(overrides), teams, fallback);
  }

  private static dev.followupbot.core.team.TeamPolicy resolve(
      PolicySpec spec, ZoneId zone, String teamId) {
    try {
      return TeamPolicies.resolve(spec, zone);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("team '" + teamId + "': " + e.getMessage(), e);
    }
  }

  /** An override as the policy keys it sets, e.g. {@code unclaimed.nudge_after = 20m}. */
  public static PolicySpec fragment(TeamOverride o) {
    return ConfigLoader.parsePolicy(
        o.teamId() + " " + o.setting(), AdminSettings.yaml(o.setting(), o.value()));
  }
}
