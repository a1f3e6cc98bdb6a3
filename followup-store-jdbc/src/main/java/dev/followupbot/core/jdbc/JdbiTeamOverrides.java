package dev.followupbot.core.jdbc;

import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.team.TeamOverride;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admins' overrides in {@code team_overrides}, with every change logged in {@code admin_changes}.
 */
public final class JdbiTeamOverrides implements TeamOverrides {

  private final JdbiTransactions tx;

  public JdbiTeamOverrides(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public List<TeamOverride> all() {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT * FROM team_overrides ORDER BY team_id, setting")
                .map(
                    (rs, ctx) ->
                        new TeamOverride(
                            rs.getString("team_id"),
                            rs.getString("setting"),
                            rs.getString("setting_value"),
                            rs.getString("set_by"),
                            JdbiCaseRepository.instant(rs, "set_at")))
                .list());
  }

  @Override
  public void put(TeamOverride o, Optional<String> previousValue) {
    tx.run(
        () ->
            tx.withHandle(
                h -> {
                  int updated =
                      h.createUpdate(
                              "UPDATE team_overrides SET setting_value = :value, set_by = :by, set_at = :at"
                                  + " WHERE team_id = :team AND setting = :setting")
                          .bind("value", o.value())
                          .bind("by", o.setBy())
                          .bind("at", o.setAt())
                          .bind("team", o.teamId())
                          .bind("setting", o.setting())
                          .execute();
                  if (updated == 0) {
                    h.createUpdate(
                            "INSERT INTO team_overrides (team_id, setting, setting_value, set_by, set_at)"
                                + " VALUES (:team, :setting, :value, :by, :at)")
                        .bind("team", o.teamId())
                        .bind("setting", o.setting())
                        .bind("value", o.value())
                        .bind("by", o.setBy())
                        .bind("at", o.setAt())
                        .execute();
                  }
                  log(
                      h,
                      o.teamId(),
                      o.setting(),
                      previousValue.orElse(null),
                      o.value(),
                      o.setBy(),
                      o.setAt());
                  return null;
                }));
  }

  @Override
  public boolean remove(String teamId, String setting, String by, Instant at) {
    return tx.inTransaction(
        () ->
            tx.withHandle(
                h -> {
                  Optional<String> old =
                      h.createQuery(
                              "SELECT setting_value FROM team_overrides WHERE team_id = :team AND setting = :setting")
                          .bind("team", teamId)
                          .bind("setting", setting)
                          .mapTo(String.class)
                          .findOne();
                  if (old.isEmpty()) {
                    return false;
                  }
                  h.createUpdate(
                          "DELETE FROM team_overrides WHERE team_id = :team AND setting = :setting")
                      .bind("team", teamId)
                      .bind("setting", setting)
                      .execute();
                  log(h, teamId, setting, old.get(), null, by, at);
                  return true;
                }));
  }

  @Override
  public List<Change> changes(String teamId, int limit) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM admin_changes WHERE team_id = :team ORDER BY id DESC LIMIT :limit")
                .bind("team", teamId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Change(
                            rs.getString("team_id"),
                            rs.getString("setting"),
                            Optional.ofNullable(rs.getString("old_value")),
                            Optional.ofNullable(rs.getString("new_value")),
                            rs.getString("changed_by"),
                            JdbiCaseRepository.instant(rs, "changed_at")))
                .list());
  }

  private static void log(
      org.jdbi.v3.core.Handle h,
      String team,
      String setting,
      String oldValue,
      String newValue,
      String by,
      Instant at) {
    h.createUpdate(
            "INSERT INTO admin_changes (team_id, setting, old_value, new_value, changed_by, changed_at)"
                + " VALUES (:team, :setting, :old, :new, :by, :at)")
        .bind("team", team)
        .bind("setting", setting)
        .bind("old", oldValue)
        .bind("new", newValue)
        .bind("by", by)
        .bind("at", at)
        .execute();
  }
}
