package dev.followupbot.slack;

import static dev.followupbot.slack.SlackCalls.call;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import com.slack.api.model.view.View;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Web API methods followup-bot uses, on one workspace's bot token, each making exactly one
 * attempt. The token goes only to the configured API base URL (the client is built on it). Every
 * failure comes back as a {@link DeliveryFailure}, as {@link SlackCalls} maps it.
 */
final class SlackWebApi {

  /** The metadata event type every post of the bot carries, with its delivery key. */
  static final String DELIVERY_EVENT = "followup_delivery";

  static final String DELIVERY_KEY = "key";

  private static final int HISTORY_PAGES = 10;

  private final MethodsClient methods;

  SlackWebApi(MethodsClient methods) {
    this.methods = methods;
  }

  /** The Web API of {@code slack}'s configured URL, on one bot token. */
  /** Opens a modal for the person whose click or shortcut gave {@code triggerId}. */
  void openView(String triggerId, String view) {
    call("views.open", () -> methods.viewsOpen(req -> req.triggerId(triggerId).viewAsString(view)));
  }

  /** Threads and reactions, on the same client. */
  SlackThreads threads() {
    return new SlackThreads(methods);
  }

  static SlackWebApi on(Slack slack, String botToken) {
    return new SlackWebApi(
        new OneGsonMethodsClient(slack.getHttpClient(), slack.getConfig(), botToken));
  }

  /** Posts to a channel (or a DM channel id); returns the channel and ts of the new message. */
  MessageRef postMessage(String channel, BlockKitRenderer.Rendered message) {
    return postMessage(channel, message, null);
  }

  /**
   * Posts with {@code deliveryKey} (when not null) in the message's metadata, as {@link
   * #DELIVERY_EVENT} with the key in its payload, so {@link #findDelivery} can find it again.
   */
  MessageRef postMessage(String channel, BlockKitRenderer.Rendered message, String deliveryKey) {
    return postMessage(channel, null, false, message, deliveryKey);
  }

  /**
   * Posts as {@link #postMessage(String, BlockKitRenderer.Rendered, String)}, in a thread; a {@code
   * broadcast} reply is also shown in the channel.
   */
  MessageRef postMessage(
      String channel,
      String threadTs,
      boolean broadcast,
      BlockKitRenderer.Rendered message,
      String deliveryKey) {
    Message.Metadata metadata =
        deliveryKey == null
            ? null
            : Message.Metadata.builder()
                .eventType(DELIVERY_EVENT)
                .eventPayload(Map.of(DELIVERY_KEY, deliveryKey))
                .build();
    ChatPostMessageResponse r =
        call(
            "chat.postMessage",
            () ->
                methods.chatPostMessage(
                    req ->
                        req.channel(channel)
                            .threadTs(threadTs)
                            .replyBroadcast(threadTs != null && broadcast)
                            .text(message.text())
                            .blocks(message.blocks())
                            .metadata(metadata)
                            .unfurlLinks(false)
                            .unfurlMedia(false)));
    return new MessageRef(r.getChannel() == null ? channel : r.getChannel(), r.getTs());
  }

  /**
   * The message in {@code channel}, posted at or after {@code since}, whose metadata carries {@code
   * deliveryKey}; reads conversations.history with include_all_metadata, newest first, a few pages
   * at most (the lookup is for a send interrupted minutes ago, not for an archive search).
   */
  Optional<MessageRef> findDelivery(String channel, String deliveryKey, Instant since) {
    String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
    String cursor = null;
    for (int page = 0; page < HISTORY_PAGES; page++) {
      String from = cursor;
      ConversationsHistoryResponse r =
          call(
              "conversations.history",
              () ->
                  methods.conversationsHistory(
                      req ->
                          req.channel(channel)
                              .oldest(oldest)
                              .inclusive(true)
                              .limit(200)
                              .includeAllMetadata(true)
                              .cursor(from)));
      if (r.getMessages() != null) {
        for (Message m : r.getMessages()) {
          if (m.getMetadata() != null
              && DELIVERY_EVENT.equals(m.getMetadata().getEventType())
              && m.getMetadata().getEventPayload() != null
              && deliveryKey.equals(m.getMetadata().getEventPayload().get(DELIVERY_KEY))) {
            return Optional.of(new MessageRef(channel, m.getTs()));
          }
        }
      }
      cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
      if (!r.isHasMore() || cursor == null || cursor.isBlank()) {
        return Optional.empty();
      }
    }
    throw DeliveryFailure.permanentFailure(
        "conversations.history: more than "
            + HISTORY_PAGES * 200
            + " messages since the interrupted send; cannot tell whether it arrived",
        null);
  }

  void update(MessageRef ref, BlockKitRenderer.Rendered message) {
    call(
        "chat.update",
        () ->
            methods.chatUpdate(
                req ->
                    req.channel(ref.channel())
                        .ts(ref.messageId())
                        .text(message.text())
                        .blocks(message.blocks())));
  }

  /** Shows a message to one person in a channel, in a thread if {@code threadTs} is given. */
  void postEphemeral(
      String channel, String userId, String threadTs, BlockKitRenderer.Rendered message) {
    call(
        "chat.postEphemeral",
        () ->
            methods.chatPostEphemeral(
                req ->
                    req.channel(channel)
                        .user(userId)
                        .threadTs(threadTs)
                        .text(message.text())
                        .blocks(message.blocks())));
  }

  /** The id of the bot's direct-message channel with the person, opening it if needed. */
  String openDm(String userId) {
    ConversationsOpenResponse r =
        call(
            "conversations.open",
            () -> methods.conversationsOpen(req -> req.users(java.util.List.of(userId))));
    if (r.getChannel() == null || r.getChannel().getId() == null) {
      throw DeliveryFailure.transientFailure("conversations.open returned no channel", null);
    }
    return r.getChannel().getId();
  }

  void publishHome(String userId, View view) {
    call("views.publish", () -> methods.viewsPublish(req -> req.userId(userId).view(view)));
  }

  User userInfo(String userId) {
    UsersInfoResponse r =
        call("users.info", () -> methods.usersInfo(req -> req.user(userId).includeLocale(true)));
    return r.getUser();
  }
}
