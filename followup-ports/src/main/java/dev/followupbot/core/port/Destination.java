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

  /** A post in a team channel or conversation. */
  record Channel(TenantId tenant, String channelId) implements Destination {
    public Channel {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(channelId, "channelId");
    }

    @Override
    public String target() {
      return channelId;
    }
  }
}
