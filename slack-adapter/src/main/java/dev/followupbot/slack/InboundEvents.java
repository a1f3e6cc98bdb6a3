package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import dev.followupbot.core.api.EventKey;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the core's inbound pipeline needs of an Events API delivery: the team it belongs to (judged
 * by the installation that authorized it, since in a shared channel the top-level team can be
 * another one) and its key. Slack redelivers an event it thinks went unanswered (with {@code
 * X-Slack-Retry-Num}), possibly to another node while the first attempt still runs; the pipeline
 * records the {@code event_id} in the database first, so only one delivery has an effect.
 */
final class InboundEvents {

  private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

  private final SlackWorkspace workspace;

  InboundEvents(SlackWorkspace workspace) {
    this.workspace = workspace;
  }

  /** The event's key, or empty (logged) for an event without an id, which is not acted on. */
  Optional<EventKey> key(EventsApiPayload<?> payload) {
    String id = payload.getEventId();
    if (id == null || id.isBlank()) {
      log.warn(
          "ignored a {} event without an event_id",
          payload.getEvent() == null ? "?" : payload.getEvent().getType());
      return Optional.empty();
    }
    return Optional.of(new EventKey("slack", workspace.teamId(), id));
  }

  /** Logs an event from a team this bot does not serve. */
  void notServed(EventsApiPayload<?> payload) {
    log.warn(
        "ignored a {} event for team {}: this bot serves team {} only",
        payload.getEvent() == null ? "?" : payload.getEvent().getType(),
        authorizingTeam(payload),
        workspace.teamId());
  }

  static String authorizingTeam(EventsApiPayload<?> payload) {
    List<Authorization> authorizations = payload.getAuthorizations();
    if (authorizations != null
        && !authorizations.isEmpty()
        && authorizations.get(0) != null
        && authorizations.get(0).getTeamId() != null) {
      return authorizations.get(0).getTeamId();
    }
    return payload.getTeamId();
  }
}
