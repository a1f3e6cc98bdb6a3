package dev.followupbot.slack;

import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import dev.followupbot.core.port.SeenEvents;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate every Events API delivery passes: it must belong to this workspace (judged by the
 * installation that authorized it, since in a shared channel the top-level team can be another
 * one), and it must be new. Slack redelivers an event it thinks went unanswered (with {@code
 * X-Slack-Retry-Num}), possibly to another node while the first attempt still runs; the {@code
 * event_id} is recorded in the database first, so only one delivery has an effect.
 */
final class InboundEvents {

  private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

  private final SlackWorkspace workspace;
  private final SeenEvents seen;
  private final Clock clock;

  InboundEvents(SlackWorkspace workspace, SeenEvents seen, Clock clock) {
    this.workspace = workspace;
    this.seen = seen;
    this.clock = clock;
  }

  /** Whether to act on the event: ours, and not handled before. */
  boolean accept(EventsApiPayload<?> payload, EventContext ctx) {
    String team = authorizingTeam(payload);
    String type = payload.getEvent() == null ? "?" : payload.getEvent().getType();
    if (!workspace.owns(team)) {
      log.warn(
          "ignored a {} event for team {}: this bot serves team {} only",
          type,
          team,
          workspace.teamId());
      return false;
    }
    String id = payload.getEventId();
    if (id == null || id.isBlank()) {
      log.warn("ignored a {} event without an event_id", type);
      return false;
    }
    if (!seen.firstTime("slack:" + workspace.teamId() + ":" + id, clock.instant())) {
      log.info(
          "ignored a repeat of event {} ({}; retry {}, reason {})",
          id,
          type,
          ctx.getRetryNum(),
          ctx.getRetryReason());
      return false;
    }
    return true;
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
