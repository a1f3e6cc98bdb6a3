package dev.followupbot.core.service;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.message.MessageRef;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.PriorDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A messenger whose platform calls (post, find, update) are each counted by outcome, and whose
 * successes are remembered for {@code /healthz}. Everything else is the wrapped messenger's.
 */
final class MeteredMessenger implements Messenger {

  private final Messenger messenger;
  private final CoreMetrics metrics;
  private final PlatformActivity activity;
  private final Clock clock;

  MeteredMessenger(
      Messenger messenger, CoreMetrics metrics, PlatformActivity activity, Clock clock) {
    this.messenger = messenger;
    this.metrics = metrics;
    this.activity = activity;
    this.clock = clock;
  }

  /** Each of {@code messengers}, metered. */
  static Messengers around(
      Messengers messengers, CoreMetrics metrics, PlatformActivity activity, Clock clock) {
    List<Messenger> metered = new ArrayList<>();
    for (Platform platform : messengers.platforms()) {
      metered.add(
          new MeteredMessenger(
              messengers.forPlatform(platform).orElseThrow(), metrics, activity, clock));
    }
    return new Messengers(metered);
  }

  @Override
  public Platform platform() {
    return messenger.platform();
  }

  @Override
  public MessageRef post(Destination to, Message message) {
    return call("post", () -> messenger.post(to, message));
  }

  @Override
  public MessageRef post(Destination to, Message message, String deliveryKey) {
    return call("post", () -> messenger.post(to, message, deliveryKey));
  }

  @Override
  public PriorDelivery findDelivered(Destination to, String deliveryKey, Instant since) {
    return call("find", () -> messenger.findDelivered(to, deliveryKey, since));
  }

  @Override
  public void update(TenantId tenant, MessageRef which, Message replacement) {
    call(
        "update",
        () -> {
          messenger.update(tenant, which, replacement);
          return null;
        });
  }

  @Override
  public Duration pacing() {
    return messenger.pacing();
  }

  @Override
  public boolean canReach(UserRef user) {
    return messenger.canReach(user);
  }

  @Override
  public Optional<String> soleReader(TenantId tenant, String channelId) {
    return messenger.soleReader(tenant, channelId);
  }

  private <T> T call(String operation, Supplier<T> work) {
    try {
      T result = work.get();
      metrics.platformCall(messenger.platform(), operation, CoreMetrics.OK);
      activity.succeeded(messenger.platform(), clock.instant());
      return result;
    } catch (DeliveryFailure failure) {
      String outcome =
          failure.retryAfter().isPresent()
              ? CoreMetrics.RATE_LIMITED
              : failure.permanent() ? CoreMetrics.PERMANENT : CoreMetrics.TRANSIENT;
      metrics.platformCall(messenger.platform(), operation, outcome);
      throw failure;
    } catch (RuntimeException unexpected) {
      metrics.platformCall(messenger.platform(), operation, CoreMetrics.TRANSIENT);
      throw unexpected;
    }
  }
}
