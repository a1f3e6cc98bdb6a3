package dev.followupbot.core;

import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.InterruptedSends;
import dev.followupbot.core.service.ReminderService;
import dev.followupbot.core.service.WakeUps;
import java.time.Clock;

/**
 * What the scheduler wakes, wired for {@link FollowupCore}: the {@link WakeUps} handler over the
 * other parts, and the settling of sends a dead sender cut off.
 */
final class WakeUpWiring {

  final InterruptedSends interruptedSends;
  final WakeUps wakeUps;

  WakeUpWiring(
      CoreBasics basics,
      DeliveryWiring send,
      CaseWiring cases,
      ReminderService reminders,
      CommandWiring commands) {
    Storage storage = basics.storage();
    Clock clock = basics.clock();
    this.interruptedSends =
        new InterruptedSends(
            send.delivery,
            send.webhookDelivery,
            storage.outbox(),
            storage.webhooks(),
            basics.scheduler(),
            send.policy,
            basics.node(),
            clock);
    this.wakeUps =
        new WakeUps(
            reminders,
            send.delivery,
            storage.seenEvents(),
            cases.watch,
            cases.nudges,
            commands.digests,
            storage.cases(),
            commands.admin,
            cases.rechecks,
            interruptedSends,
            send.webhookDelivery,
            clock);
  }
}
