package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import java.util.Optional;

/**
 * Remembers, per tenant and durably, how to reach a person or a conversation: state only the
 * adapter that saved it understands (a Teams conversation reference, a Slack DM channel id). It
 * lets proactive messages work after a restart and on any node.
 */
public interface Addresses {

  /** The longest state a store must keep; longer state is refused. */
  int MAX_STATE = 20_000;

  /**
   * Saves or replaces the state under the key, e.g. {@code user:29:1abc} or {@code channel:19:x}.
   *
   * @throws IllegalArgumentException when the state is longer than {@link #MAX_STATE}
   */
  void save(TenantId tenant, String key, String state);

  Optional<String> find(TenantId tenant, String key);
}
