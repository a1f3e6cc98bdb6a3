package dev.followupbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads and reactions on the Web API: reading a thread's root message (a 🎫 on any message opens
 * a case from its thread root), finding a reply the bot posted into a thread (conversations.history
 * holds top-level messages only), and mirroring a case's state with the bot's own reaction.
 */
final class SlackThreads {

  private static final Logger log = LoggerFactory.getLogger(SlackThreads.class);

  private final MethodsClient methods;

  SlackThreads(MethodsClient methods) {
    this.methods = methods;
  }

  /** The root of the thread {@code ts} is in (itself when it is top-level), if Slack has it. */
  Optional<Message> root(String channel, String ts) {
    ConversationsRepliesResponse r =
        SlackCalls.call(
            "conversations.replies",
            () ->
                methods.conversationsReplies(
                    req -> req.channel(channel).ts(ts).limit(1).inclusive(true)));
    if (r.getMessages() == null || r.getMessages().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r.getMessages().get(0));
  }

  /** The bot's reply in the thread carrying {@code deliveryKey}, posted at or after since. */
  Optional<MessageRef> findReply(String channel, String thread, String deliveryKey, Instant since) {
    String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
    ConversationsRepliesResponse r =
        SlackCalls.call(
            "conversations.replies",
            () ->
                methods.conversationsReplies(
                    req ->
                        req.channel(channel)
                            .ts(thread)
                            .oldest(oldest)
                            .inclusive(true)
                            .limit(200)
                            .includeAllMetadata(true)));
    if (r.getMessages() != null) {
      for (Message m : r.getMessages()) {
        if (m.getMetadata() != null
            && SlackWebApi.DELIVERY_EVENT.equals(m.getMetadata().getEventType())
            && m.getMetadata().getEventPayload() != null
            && deliveryKey.equals(
                m.getMetadata().getEventPayload().get(SlackWebApi.DELIVERY_KEY))) {
          return Optional.of(new MessageRef(channel, m.getTs()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Adds the bot's reaction to a message, once: a reaction already there is fine. A failure is
   * logged and dropped, since the mirror only shows what the case says.
   */
  void react(String channel, String ts, String name) {
    try {
      SlackCalls.call(
          "reactions.add",
          () -> methods.reactionsAdd(req -> req.channel(channel).timestamp(ts).name(name)));
    } catch (DeliveryFailure e) {
      if (!String.valueOf(e.getMessage()).contains("already_reacted")) {
        log.info("could not add :{}: to {} in {}: {}", name, ts, channel, e.getMessage());
      }
    }
  }
}
