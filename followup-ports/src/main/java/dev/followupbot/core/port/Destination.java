package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.util.Objects;

/** Where a message goes: to one person directly, or into a channel. */
public sealed interface Destination {

  TenantId tenant();

  /** The stored form of the target: the user id or the channel id. */
  String target();

  /** A direct message to one person (a Slack DM, a Teams personal chat, the console). */
  record Direct(UserRef user) implements Destination {
    public Direct {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public TenantId tenant() {
      return user.tenant();
    }

    @Override
    public String target() {
      return user.userId();
    }
  }

  /**
   * A post in a team channel or conversation; with {@code thread}, a reply in the thread of that
   * root message (a case from a conversation keeps its record there).
   */
  record Channel(TenantId tenant, String channelId, java.util.Optional<String> thread)
      implements Destination {
    public Channel {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(thread, "thread");
    }

    /** A top-level post in the channel. */
    public Channel(TenantId tenant, String channelId) {
      this(tenant, channelId, java.util.Optional.empty());
    }

    @Override
    public String target() {
      return channelId;
    }
  }
}
