package dev.followupbot.teams;

import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the core's messages to Teams proactively, through the conversation references stored
 * from earlier activities ({@link ConversationBook}): a person's personal chat for direct messages,
 * the conversation a case was opened in for case cards. One attempt per call; the core retries. A
 * person with no personal chat with the bot cannot be reached until the app is installed for them.
 */
public final class TeamsMessenger implements Messenger {

  private static final Logger log = LoggerFactory.getLogger(TeamsMessenger.class);

  /**
   * Teams allows a bot 7 messages per second, 8 per 2 s, 60 per 30 s and 1,800 per hour in one
   * conversation. One post every 2 s is the fastest even pace that keeps all four, including the
   * hourly one (3,600 s / 1,800 = 2 s); bursts are rare (a person's reminders, a channel's cards).
   */
  static final Duration PACING = Duration.ofSeconds(2);

  private final TeamsBotAdapter adapter;
  private final String appId;
  private final ConversationBook book;
  private final ServiceUrlPolicy serviceUrls;
  private final TeamsActivities activities;
  private final Clock clock;

  TeamsMessenger(
      TeamsBotAdapter adapter,
      String appId,
      ConversationBook book,
      ServiceUrlPolicy serviceUrls,
      AdaptiveCardRenderer renderer,
      Clock clock) {
    this.adapter = adapter;
    this.appId = appId;
    this.book = book;
    this.serviceUrls = serviceUrls;
    this.activities = new TeamsActivities(renderer);
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.TEAMS;
  }

  @Override
  public Duration pacing() {
    return PACING;
  }

  @Override
  public boolean canReach(UserRef user) {
    return book.find(user.tenant(), ConversationBook.userKey(user.userId()))
        .filter(ref -> serviceUrls.allows(ref.getServiceUrl()))
        .isPresent();
  }

  /** A personal chat is read by its one user; channels and group chats by many. */
  @Override
  public java.util.Optional<String> soleReader(TenantId tenant, String channelId) {
    return book.find(tenant, ConversationBook.conversationKey(channelId))
        .filter(ref -> ref.getConversation() != null)
        .filter(ref -> "personal".equalsIgnoreCase(ref.getConversation().getConversationType()))
        .flatMap(ref -> java.util.Optional.ofNullable(ref.getUser()))
        .map(user -> user.getId())
        .filter(id -> id != null && !id.isBlank());
  }

  @Override
  public MessageRef post(Destination to, Message message) {
    ConversationReference ref = reference(to);
    String conversationId = ref.getConversation().getId();
    Activity activity = activities.message(message);
    activity.applyConversationReference(ref);
    activity.setReplyToId(null);
    AtomicReference<String> posted = new AtomicReference<>();
    AtomicBoolean sending = new AtomicBoolean();
    try {
      call(
          ref,
          connector -> {
            sending.set(true);
            return connector
                .getConversations()
                .sendToConversation(conversationId, activity)
                .thenAccept(r -> posted.set(r == null ? null : r.getId()));
          });
    } catch (DeliveryFailure failure) {
      // Teams may have the message though its answer never came. The Bot Connector offers no way
      // to look it up, so the core re-sends it once, marked as a possible repeat, and counts it.
      if (sending.get() && !failure.permanent() && TeamsFailures.unanswered(failure)) {
        throw DeliveryFailure.outcomeUnknown(
            "Teams never answered the post: " + failure.getMessage(), failure);
      }
      throw failure;
    }
    String id = posted.get();
    if (id == null || id.isBlank()) {
      // Delivered, but Teams did not say where: the message cannot be updated later.
      log.warn("Teams accepted a message without returning its id (tenant {})", to.tenant());
      id = "unknown";
    }
    return new MessageRef(conversationId, id);
  }

  @Override
  public void update(TenantId tenant, MessageRef which, Message replacement) {
    ConversationReference ref =
        book.find(tenant, ConversationBook.conversationKey(which.channel()))
            .orElseThrow(
                () ->
                    DeliveryFailure.permanentFailure(
                        "I no longer know the Teams conversation of that message", null));
    Activity activity = activities.card(replacement);
    activity.applyConversationReference(ref);
    activity.setReplyToId(null);
    activity.setId(which.messageId());
    call(
        ref,
        connector ->
            connector
                .getConversations()
                .updateActivity(which.channel(), which.messageId(), activity)
                .thenAccept(r -> {}));
  }

  private ConversationReference reference(Destination to) {
    if (to instanceof Destination.Direct direct) {
      return book.find(to.tenant(), ConversationBook.userKey(direct.user().userId()))
          .orElseThrow(
              () ->
                  DeliveryFailure.permanentFailure(
                      "they have no chat with followup-bot in Teams yet; install the followup-bot app"
                          + " for them (or ask them to open it once), then it works",
                      null));
    }
    return book.find(to.tenant(), ConversationBook.conversationKey(to.target()))
        .orElseThrow(
            () ->
                DeliveryFailure.permanentFailure(
                    "I can't post in that Teams conversation: I have no record of it; add the"
                        + " followup-bot app there and mention it once",
                    null));
  }

  /** One call on the reference's conversation; the service URL is checked first, every time. */
  private void call(
      ConversationReference ref,
      java.util.function.Function<ConnectorClient, CompletableFuture<Void>> work) {
    if (!serviceUrls.allows(ref.getServiceUrl())) {
      log.warn(
          "not sending to Teams service URL host {}: not on the allow-list",
          ServiceUrlPolicy.hostOf(String.valueOf(ref.getServiceUrl())));
      throw DeliveryFailure.permanentFailure(
          "the conversation's service URL host "
              + ServiceUrlPolicy.hostOf(String.valueOf(ref.getServiceUrl()))
              + " is not on the allow-list",
          null);
    }
    try {
      adapter
          .continueConversation(
              appId,
              ref,
              turn -> {
                ConnectorClient connector =
                    turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
                return work.apply(connector);
              })
          .join();
    } catch (RuntimeException e) {
      throw TeamsFailures.classify(e, clock);
    }
  }
}
