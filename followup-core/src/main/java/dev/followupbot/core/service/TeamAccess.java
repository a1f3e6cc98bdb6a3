package dev.followupbot.core.service;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.team.SupportTeam;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may see or change team settings: the admins the configuration names for a team, and the
 * global ones for every team. Says, in one place, what anyone else is told.
 */
final class TeamAccess {

  /** A named team the caller administers, or the reply that says why not. */
  sealed interface Admission {

    record Admitted(SupportTeam team) implements Admission {}

    record Refused(Reply reply) implements Admission {}
  }

  private final SupportTeams teams;
  private final Directory directory;

  TeamAccess(SupportTeams teams, Directory directory) {
    this.teams = teams;
    this.directory = directory;
  }

  /** The team called {@code teamId}, if it exists and the caller is one of its admins. */
  Admission admit(Caller caller, String teamId) {
    Optional<SupportTeam> team = teams.byId(teamId);
    if (team.isEmpty()) {
      return new Admission.Refused(unknownTeam(teamId));
    }
    if (!teams.isAdmin(caller.ref(), team)) {
      return new Admission.Refused(refusal(caller, team));
    }
    return new Admission.Admitted(team.get());
  }

  /** Whether the caller is a global admin or the admin of at least one team. */
  boolean administersAny(Caller caller) {
    return teams.isAdmin(caller.ref(), Optional.empty())
        || teams.configured().stream().anyMatch(t -> teams.isAdmin(caller.ref(), Optional.of(t)));
  }

  boolean administers(Caller caller, SupportTeam team) {
    return teams.isAdmin(caller.ref(), Optional.of(team));
  }

  /** What a person who is no admin (of this team, or of any) is told. */
  Reply refusal(Caller caller, Optional<SupportTeam> team) {
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

  Reply unknownTeam(String id) {
    List<String> ids = teams.configured().stream().map(SupportTeam::id).toList();
    return Reply.privately(
        "I don't know a team called '"
            + id
            + "'. "
            + (ids.isEmpty()
                ? "No teams are configured yet; add them under `teams:` in the configuration file."
                : "Teams: " + String.join(", ", ids) + "."));
  }

  /** People's ids as mentions, "none" for nobody. */
  String names(List<String> ids, TenantId tenant) {
    return ids.isEmpty()
        ? "none"
        : ids.stream()
            .map(id -> id.replaceFirst("^.*/", ""))
            .map(id -> NudgeViews.mention(id, u -> directory.name(tenant, u)))
            .collect(Collectors.joining(" "));
  }

  /** Who made a change, stably: the tenant and the user id (names change and repeat). */
  static String who(Caller caller) {
    return caller.tenant().key() + "/" + caller.userId();
  }
}
