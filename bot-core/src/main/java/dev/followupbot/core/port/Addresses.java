package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.util.Optional;

/**
 * Remembers, per tenant and durably, how to reach a person or a conversation: state only the
 * adapter that saved it understands (a Teams conversation reference, a Slack DM channel id). It
 * lets proactive messages work after a restart and on any node.
 */
public interface Addresses {

  /**
   * Saves or replaces the state under the key, e.g. {@code user:29:1abc} or {@code channel:19:x}.
   */
  void save(TenantId tenant, String key, String state);

  Optional<String> find(TenantId tenant, String key);
}
