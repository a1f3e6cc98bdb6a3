package dev.followupbot.core.service;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.ConfigSource;
import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.team.SupportTeam;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-reads the configuration file, keeping the running configuration when it does not load. */
final class ConfigReload {

  // Logged under AdminService, as before the split: operators filter on that name.
  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final SupportTeams teams;
  private final Optional<ConfigSource> source;
  private final TeamChangePropagation propagation;

  ConfigReload(
      SupportTeams teams, Optional<ConfigSource> source, TeamChangePropagation propagation) {
    this.teams = teams;
    this.source = source;
    this.propagation = propagation;
  }

  /** The name admins know the file by. */
  String fileName() {
    return source.map(ConfigSource::name).orElse("the configuration file");
  }

  /** Reloads on behalf of {@code by}, and says what happened. */
  String reload(String by) {
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
    propagation.changed(gone, teams.state().teams().keySet());
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
}
