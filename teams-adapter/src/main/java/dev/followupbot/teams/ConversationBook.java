package dev.followupbot.teams;

import com.microsoft.bot.schema.ConversationReference;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.Addresses;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teams conversation references, kept durably in the core's per-tenant addresses so proactive
 * messages work after a restart and on every node: {@code conversation:<id>} for every conversation
 * the bot was spoken to in, {@code user:<id>} for a person's personal chat with the bot. Only
 * references whose service URL is on the allow-list are kept, and only the adapter's authenticated
 * turns save them.
 */
final class ConversationBook {

  private static final Logger log = LoggerFactory.getLogger(ConversationBook.class);
  static final int MAX_KEY = 400;

  private final Addresses addresses;
  private final ServiceUrlPolicy serviceUrls;

  /** What was last saved per key (a hash of it), so an unchanged reference is not written again. */
  private final Map<String, Integer> lastSaved =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
              return size() > 10_000;
            }
          });

  ConversationBook(Addresses addresses, ServiceUrlPolicy serviceUrls) {
    this.addresses = addresses;
    this.serviceUrls = serviceUrls;
  }

  static String conversationKey(String conversationId) {
    return "conversation:" + conversationId;
  }

  /**
   * The channel a conversation belongs to: a Teams channel thread ({@code 19:…@thread.tacv2;
   * messageid=…}) belongs to its channel ({@code 19:…@thread.tacv2}). Cases opened in a thread
   * belong to the channel, so support teams can name it, and their cards start new posts there.
   */
  static String channelOf(String conversationId) {
    int thread = conversationId.indexOf(";messageid=");
    return thread > 0 ? conversationId.substring(0, thread) : conversationId;
  }

  static String userKey(String userId) {
    return "user:" + userId;
  }

  /**
   * Remembers how to reach the reference's conversation and, for a personal chat, its user. Returns
   * false (and keeps nothing) when the service URL is not allowed.
   */
  boolean remember(
      TenantId tenant, ConversationReference reference, Optional<String> personalUser) {
    if (!serviceUrls.allows(reference.getServiceUrl())
        || reference.getConversation() == null
        || reference.getConversation().getId() == null) {
      return false;
    }
    // Without the activity id every turn in a conversation yields the same reference: one write.
    reference.setActivityId(null);
    String json = TeamsJson.write(reference);
    String conversation = reference.getConversation().getId();
    save(tenant, conversationKey(conversation), json);
    String channel = channelOf(conversation);
    if (!channel.equals(conversation)) {
      // The same reference, addressed to the channel rather than the thread.
      ConversationReference toChannel = TeamsJson.reference(json).orElseThrow();
      toChannel.getConversation().setId(channel);
      save(tenant, conversationKey(channel), TeamsJson.write(toChannel));
    }
    personalUser.ifPresent(user -> save(tenant, userKey(user), json));
    return true;
  }

  Optional<ConversationReference> find(TenantId tenant, String key) {
    return addresses.find(tenant, key).flatMap(TeamsJson::reference);
  }

  private void save(TenantId tenant, String key, String json) {
    if (key.length() > MAX_KEY) {
      // Longer than any id Teams uses; the addresses table could not hold it.
      return;
    }
    if (json.length() > Addresses.MAX_STATE) {
      // Names tens of kilobytes long: not a reference Teams sends. The turn is still answered.
      log.warn("not remembering a Teams conversation reference of {} chars", json.length());
      return;
    }
    String cacheKey = tenant.key() + "|" + key;
    Integer hash = json.hashCode();
    if (!hash.equals(lastSaved.get(cacheKey))) {
      addresses.save(tenant, key, json);
      lastSaved.put(cacheKey, hash);
    }
  }
}
