package dev.followupbot.teams;

import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.schema.Activity;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.service.LateAnswers;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the answer to a turn in the conversation the turn came from. The connector's client sends a
 * post again at once when it landed on a connection the connector had closed ({@link
 * dev.followupbot.core.http.KeepAlive}); any other failure puts the answer on the outbox ({@link
 * LateAnswers}), which delivers it with the same once-only rules as reminders. Only answers to
 * tenants the bot serves are kept; a refusal to another tenant that fails is logged, as nothing is
 * stored for them.
 */
final class TeamsAnswers {

  private static final Logger log = LoggerFactory.getLogger(TeamsAnswers.class);

  private final TeamsActivities activities;
  private final LateAnswers late;
  private final Executor deliveries;

  TeamsAnswers(TeamsActivities activities, LateAnswers late, Executor deliveries) {
    this.activities = activities;
    this.late = late;
    this.deliveries = deliveries;
  }

  /** Posts {@code answer} into the turn's conversation, or queues it when the post fails. */
  void send(TurnContext turn, Optional<TenantId> tenant, Message answer) {
    Activity incoming = turn.getActivity();
    Activity message = activities.message(answer);
    message.applyConversationReference(incoming.getConversationReference());
    message.setReplyToId(null);
    try {
      connector(turn)
          .getConversations()
          .sendToConversation(incoming.getConversation().getId(), message)
          .join();
    } catch (RuntimeException e) {
      later(turn, tenant, answer, TeamsFailures.describe(e));
    }
  }

  /**
   * Replaces the clicked card (Action.Submit) with what it should now say; when that fails, the
   * answer is posted instead, from the outbox.
   */
  void update(TurnContext turn, TenantId tenant, String activityId, Message now, Message answer) {
    Activity incoming = turn.getActivity();
    Activity replacement = activities.card(now);
    replacement.applyConversationReference(incoming.getConversationReference());
    replacement.setId(activityId);
    replacement.setReplyToId(null);
    try {
      connector(turn)
          .getConversations()
          .updateActivity(incoming.getConversation().getId(), activityId, replacement)
          .join();
    } catch (RuntimeException e) {
      later(
          turn,
          Optional.of(tenant),
          answer,
          "updating the clicked card: " + TeamsFailures.describe(e));
    }
  }

  private void later(TurnContext turn, Optional<TenantId> tenant, Message answer, String why) {
    Activity incoming = turn.getActivity();
    if (tenant.isEmpty()) {
      log.warn(
          "could not answer in Teams conversation (tenant {}): {}",
          TeamsBot.tenantOf(incoming).orElse("?"),
          why);
      return;
    }
    try {
      long id =
          late.keep(
              requestKey(tenant.get(), incoming), destination(tenant.get(), incoming), answer, why);
      deliveries.execute(() -> late.deliver(id));
    } catch (RuntimeException e) {
      log.error(
          "could not answer in Teams conversation (tenant {}) nor queue the answer: {}; then {}",
          tenant.get(),
          why,
          e.toString());
    }
  }

  /** A personal chat is the person's direct chat; anything else is the conversation itself. */
  private static Destination destination(TenantId tenant, Activity incoming) {
    if ("personal".equalsIgnoreCase(incoming.getConversation().getConversationType())) {
      return new Destination.Direct(new UserRef(tenant, incoming.getFrom().getId()));
    }
    return new Destination.Channel(tenant, incoming.getConversation().getId());
  }

  private static String requestKey(TenantId tenant, Activity incoming) {
    String id =
        incoming.getId() == null || incoming.getId().isBlank()
            ? UUID.randomUUID().toString()
            : incoming.getId();
    return tenant.key() + ":" + incoming.getConversation().getId() + ":" + id;
  }

  private static ConnectorClient connector(TurnContext turn) {
    return turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
  }
}
