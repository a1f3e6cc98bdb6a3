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
   * root message (a case from a conversation keeps its record there). A {@code broadcast} reply is
   * also shown in the channel itself, where the platform can (Slack's "also send to channel").
   */
  record Channel(
      TenantId tenant, String channelId, java.util.Optional<String> thread, boolean broadcast)
      implements Destination {
    public Channel {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(thread, "thread");
      if (broadcast && thread.isEmpty()) {
        throw new IllegalArgumentException("only a thread reply can be broadcast");
      }
    }

    /** A top-level post in the channel. */
    public Channel(TenantId tenant, String channelId) {
      this(tenant, channelId, java.util.Optional.empty(), false);
    }

    /** A reply in the thread of {@code thread}, or a top-level post when it is empty. */
    public Channel(TenantId tenant, String channelId, java.util.Optional<String> thread) {
      this(tenant, channelId, thread, false);
    }

    @Override
    public String target() {
      return channelId;
    }
  }
}
