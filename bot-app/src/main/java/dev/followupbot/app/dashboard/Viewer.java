package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.SignIns;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.team.SupportTeam;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is looking, and what they may see: global admins every team, leads and team admins their
 * teams, everyone else the cases they own. Always one workspace: the session's.
 */
record Viewer(
    UserRef user,
    String name,
    ZoneId zone,
    String csrf,
    String sessionHash,
    boolean globalAdmin,
    Set<String> leadTeams,
    Set<String> adminTeams) {

  static Viewer of(FollowupCore core, SignIns.Session session, String sessionHash) {
    UserRef user = session.user();
    Person person = core.directory().person(user.tenant(), user.userId());
    SupportTeams teams = core.teams();
    boolean global = teams.isAdmin(user, Optional.empty());
    Set<String> leads = new LinkedHashSet<>();
    Set<String> admins = new LinkedHashSet<>();
    for (SupportTeam t : teams.configured()) {
      boolean admin = teams.isAdmin(user, Optional.of(t));
      if (admin) {
        admins.add(t.id());
      }
      if (admin || t.leadsIn(user.tenant()).contains(user.userId())) {
        leads.add(t.id());
      }
    }
    return new Viewer(
        user,
        person.displayName(),
        person.zone(),
        session.csrfToken(),
        sessionHash,
        global,
        leads,
        admins);
  }

  /** Leads and admins see their teams' queues, reports and schedules. */
  boolean lead() {
    return globalAdmin || !leadTeams.isEmpty();
  }

  boolean admin() {
    return globalAdmin || !adminTeams.isEmpty();
  }

  boolean seesTeam(SupportTeam team) {
    return globalAdmin || leadTeams.contains(team.id());
  }

  boolean sees(SupportCase c, SupportTeam team) {
    return seesTeam(team) || c.isOwnedBy(user.userId());
  }

  /** The teams whose queues and reports the viewer sees, the defaults last for global admins. */
  List<SupportTeam> teams(SupportTeams teams) {
    List<SupportTeam> out =
        new java.util.ArrayList<>(teams.configured().stream().filter(this::seesTeam).toList());
    if (globalAdmin) {
      out.add(teams.fallback());
    }
    return out;
  }

  /** The viewer as the core's caller, acting in {@code channelId}. */
  Caller caller(String channelId) {
    return new Caller(user.tenant(), user.userId(), name, zone, channelId);
  }
}
