package dev.followupbot.core.service;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.team.TeamOverride;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a change of team settings in force: the stored overrides are applied, digests rescheduled
 * and open cases' timers re-checked, on this node at once and on the others at their next sweep.
 */
final class TeamChangePropagation {

  // Logged under AdminService, as before the split: operators filter on that name.
  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  /** How many open cases a change re-checks at once; the next sweep re-checks the rest. */
  static final int RECHECK_NOW = 300;

  private final SupportTeams teams;
  private final TeamOverrides overrides;
  private final DigestService digests;
  private final OpenCaseRechecks rechecks;
  private final CaseWatch watch;
  private final CaseRepository cases;
  private volatile List<TeamOverride> lastStored = List.of();

  TeamChangePropagation(
      SupportTeams teams,
      TeamOverrides overrides,
      DigestService digests,
      OpenCaseRechecks rechecks,
      CaseWatch watch,
      CaseRepository cases) {
    this.teams = teams;
    this.overrides = overrides;
    this.digests = digests;
    this.rechecks = rechecks;
    this.watch = watch;
    this.cases = cases;
  }

  /**
   * Applies the stored overrides, reschedules digests, and re-checks the timers of the affected
   * teams' open cases: a few hundred at once, so the admin gets an answer within Slack's three
   * seconds, and all of them at the next sweep.
   */
  void changed(Set<String> goneTeams, Set<String> affectedTeams) {
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
  void refreshOverrides() {
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
}
