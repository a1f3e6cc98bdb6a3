package dev.followupbot.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import com.slack.api.model.view.View;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * The Web API methods followup-bot uses, on one workspace's bot token, each making exactly one
 * attempt. The token goes only to the configured API base URL (the client is built on it). Every
 * failure comes back as a {@link DeliveryFailure} that says whether trying later can help:
 *
 * <ul>
 *   <li>HTTP 429: rate limited, retry no sooner than {@code Retry-After};
 *   <li>HTTP 5xx, timeouts, resets and Slack's own transient errors: transient; a {@code
 *       chat.postMessage} cut off after its request went out (a read timeout, a reset) is transient
 *       with an unknown outcome, so the core looks it up before posting it again;
 *   <li>anything else Slack refuses ({@code channel_not_found}, {@code account_inactive}, {@code
 *       token_revoked}, …): permanent, since sending the same thing again gets the same answer.
 * </ul>
 */
final class SlackWebApi {

  /** Slack's {@code error} values that mean "try again later". */
  static final Set<String> TRANSIENT_ERRORS =
      Set.of(
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "timeout",
          "team_added_to_org");

  /** The metadata event type every post of the bot carries, with its delivery key. */
  static final String DELIVERY_EVENT = "followup_delivery";

  static final String DELIVERY_KEY = "key";

  /** The one method that posts: a post that may have gone out is never simply sent again. */
  private static final String POSTS = "chat.postMessage";

  private static final int HISTORY_PAGES = 10;

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

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

  /** A Web API call that may throw what the Slack client throws. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      throw fromHttp(method, e);
    } catch (InterruptedIOException e) {
      if (POSTS.equals(method) && sent(e)) {
        throw DeliveryFailure.outcomeUnknown(method + " timed out: " + e.getMessage(), e);
      }
      throw DeliveryFailure.transientFailure(method + " timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      if (POSTS.equals(method) && sent(e)) {
        throw DeliveryFailure.outcomeUnknown(method + " failed: " + e, e);
      }
      throw DeliveryFailure.transientFailure(method + " failed: " + e, e);
    } catch (RuntimeException e) {
      throw DeliveryFailure.transientFailure(method + " failed: " + e, e);
    }
    if (response == null) {
      throw DeliveryFailure.transientFailure(method + " returned nothing", null);
    }
    if (!response.isOk()) {
      throw fromError(method, response.getError(), response.getNeeded());
    }
    return response;
  }

  /**
   * Whether a failed call may have reached Slack: anything but a connection that was never made
   * (refused, unknown host, connect timeout, TLS handshake). A post cut off after that may have
   * been posted, so its outcome is unknown and it is looked up before it is sent again.
   */
  static boolean sent(IOException e) {
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException) {
      return false;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return !(e instanceof SocketTimeoutException && message.contains("connect"));
  }

  static DeliveryFailure fromHttp(String method, SlackApiException e) {
    int status = e.getResponse().code();
    String error = e.getError() == null ? null : e.getError().getError();
    if (status == 429) {
      Duration wait = retryAfter(e.getResponse().header("Retry-After"));
      return DeliveryFailure.rateLimited(
          method + " rate limited by Slack (HTTP 429, Retry-After " + wait.toSeconds() + " s)",
          wait);
    }
    if (status >= 500 || status == 408) {
      return DeliveryFailure.transientFailure(
          method + " failed with HTTP " + status + (error == null ? "" : " (" + error + ")"), e);
    }
    if (error != null) {
      return fromError(method, error, null);
    }
    return DeliveryFailure.permanentFailure(method + " was refused with HTTP " + status, e);
  }

  static DeliveryFailure fromError(String method, String error, String needed) {
    String code = error == null ? "unknown_error" : error.toLowerCase(Locale.ROOT);
    if (code.equals("ratelimited") || code.equals("rate_limited")) {
      return DeliveryFailure.rateLimited(
          method + " rate limited by Slack (" + code + ")", DEFAULT_RETRY_AFTER);
    }
    if (TRANSIENT_ERRORS.contains(code)) {
      return DeliveryFailure.transientFailure(method + " failed: " + code, null);
    }
    String detail = needed == null ? "" : " (needs scope " + needed + ")";
    return DeliveryFailure.permanentFailure(
        method + " refused: " + code + detail + explain(code), null);
  }

  private static String explain(String code) {
    switch (code) {
      case "not_in_channel":
      case "channel_not_found":
        return "; invite the bot to the channel with /invite @followup";
      case "token_revoked":
      case "invalid_auth":
      case "account_inactive":
      case "not_authed":
        return "; the bot token no longer works (app uninstalled or token revoked)";
      case "is_archived":
        return "; the channel is archived";
      case "user_not_found":
      case "user_disabled":
        return "; that person is no longer in the workspace";
      default:
        return "";
    }
  }

  static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
