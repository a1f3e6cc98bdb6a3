package dev.followupbot.slack;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.Addresses;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivers the core's messages to one Slack workspace: direct messages through the bot's DM channel
 * with the person (opened once with conversations.open, then remembered in {@link Addresses} so
 * every node and every restart reuses it), channel posts with chat.postMessage, and in-place
 * changes with chat.update. One attempt per call; the core retries, backs off and paces. A message
 * for any other workspace is refused as a permanent failure: this token speaks for one team only.
 */
public final class SlackMessenger implements Messenger {

  /** Slack allows about one message per second per channel. */
  public static final Duration PACING = Duration.ofSeconds(1);

  static final String DM_KEY = "slack-dm:";

  private final SlackWebApi api;
  private final TenantId tenant;
  private final Addresses addresses;
  private final BlockKitRenderer renderer;

  SlackMessenger(SlackWebApi api, TenantId tenant, Addresses addresses, BlockKitRenderer renderer) {
    this.api = api;
    this.tenant = tenant;
    this.addresses = addresses;
    this.renderer = renderer;
  }

  @Override
  public Platform platform() {
    return Platform.SLACK;
  }

  @Override
  public MessageRef post(Destination to, Message message) {
    ours(to.tenant());
    String channel;
    if (to instanceof Destination.Direct direct) {
      channel = dmChannel(direct.user().userId());
    } else {
      channel = ((Destination.Channel) to).channelId();
    }
    return api.postMessage(channel, renderer.message(message));
  }

  @Override
  public void update(TenantId tenant, MessageRef which, Message replacement) {
    ours(tenant);
    api.update(which, renderer.message(replacement));
  }

  @Override
  public Duration pacing() {
    return PACING;
  }

  /** The DM channel with the person: remembered, or opened now and remembered. */
  String dmChannel(String userId) {
    Optional<String> known = addresses.find(tenant, DM_KEY + userId);
    if (known.isPresent()) {
      return known.get();
    }
    String channel = api.openDm(userId);
    addresses.save(tenant, DM_KEY + userId, channel);
    return channel;
  }

  private void ours(TenantId requested) {
    if (!tenant.equals(requested)) {
      throw DeliveryFailure.permanentFailure(
          "this Slack token belongs to "
              + tenant
              + ", not "
              + requested
              + "; the message was not sent",
          null);
    }
  }
}
