package dev.followupbot.core;

import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.port.Later;
import dev.followupbot.core.port.Messenger;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.port.WebhookTransport;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.service.CoreMetrics;
import dev.followupbot.core.service.DeliveryPolicy;
import dev.followupbot.core.service.DeliveryService;
import dev.followupbot.core.service.Directory;
import dev.followupbot.core.service.Messengers;
import dev.followupbot.core.service.PlatformActivity;
import dev.followupbot.core.service.WebhookDelivery;
import dev.followupbot.core.service.WebhookEvents;
import dev.followupbot.core.webhook.WebhookTargets;
import java.time.Clock;
import java.util.List;

/**
 * The send path, wired for {@link FollowupCore}: the messengers, how cases read on cards, the chat
 * outbox behind {@link DeliveryService} with the retry policy the configuration sets, and webhook
 * events with their deliveries.
 */
final class DeliveryWiring {

  final Messengers messengers;
  final DeliveryPolicy policy;
  final CaseCards cards;
  final DeliveryService delivery;
  final WebhookDelivery webhookDelivery;
  final WebhookEvents webhookEvents;

  DeliveryWiring(
      CoreBasics basics,
      FollowupConfig.Delivery retries,
      List<Messenger> messengers,
      WebhookTargets targets,
      WebhookTransport transport,
      PlatformActivity activity) {
    Storage storage = basics.storage();
    Directory directory = basics.directory();
    CoreMetrics metrics = basics.metrics();
    Later later = basics.later();
    String node = basics.node();
    Clock clock = basics.clock();
    this.messengers = new Messengers(messengers);
    this.policy =
        new DeliveryPolicy(
            retries.firstRetry(),
            retries.maxRetry(),
            retries.giveUpAfter(),
            DeliveryPolicy.DEFAULT.presumedDeadAfter());
    this.cards = new CaseCards(basics.teams(), storage.cases(), directory, this.messengers, clock);
    this.delivery =
        new DeliveryService(
            storage.transactions(),
            storage.outbox(),
            storage.cases(),
            storage.reminders(),
            directory,
            this.messengers,
            policy,
            cards,
            storage.pacing(),
            later,
            metrics,
            activity,
            node,
            clock);
    this.webhookDelivery =
        new WebhookDelivery(
            storage.transactions(),
            storage.webhooks(),
            targets,
            transport,
            DeliveryPolicy.DEFAULT,
            metrics,
            later,
            node,
            clock);
    this.webhookEvents =
        new WebhookEvents(
            targets,
            storage.webhooks(),
            storage.cases(),
            storage.reminders(),
            cards,
            directory,
            webhookDelivery,
            later);
  }
}
