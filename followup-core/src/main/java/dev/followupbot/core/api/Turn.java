package dev.followupbot.core.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a person typed or clicked, as its platform delivered it: the platform's tenant id, the
 * event's key when the platform may redeliver it, the command in the shared grammar, and the people
 * the platform named in it.
 */
public record Turn(
    String platformTenant, Optional<EventKey> event, String command, List<Mention> mentioned) {

  /** Someone the platform named in the turn, with the display name it gave. */
  public record Mention(String userId, String displayName) {}

  public Turn {
    // A payload may leave its team out; such a turn is simply not admitted.
    platformTenant = platformTenant == null ? "" : platformTenant;
    Objects.requireNonNull(event, "event");
    command = command == null ? "" : command;
    mentioned = List.copyOf(mentioned);
  }

  /** A command the platform does not redeliver (a slash command, a click, a console line). */
  public static Turn command(String platformTenant, String command) {
    return new Turn(platformTenant, Optional.empty(), command, List.of());
  }

  public Turn redeliveredAs(EventKey key) {
    return new Turn(platformTenant, Optional.of(key), command, mentioned);
  }

  public Turn mentioning(List<Mention> people) {
    return new Turn(platformTenant, event, command, people);
  }
}
