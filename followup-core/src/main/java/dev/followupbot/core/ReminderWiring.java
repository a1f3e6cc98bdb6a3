package dev.followupbot.core;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.ReminderService;

/**
 * Reminders, wired for {@link FollowupCore}: a series skips the holidays of the team whose channel
 * it posts in, as the teams in force have them when it is due.
 */
final class ReminderWiring {

  private ReminderWiring() {}

  static ReminderService reminders(CoreBasics basics, DeliveryWiring send) {
    Storage storage = basics.storage();
    SupportTeams teams = basics.teams();
    return new ReminderService(
        storage.transactions(),
        storage.tenants(),
        storage.reminders(),
        storage.cases(),
        storage.caseThreads(),
        storage.outbox(),
        basics.scheduler(),
        basics.directory(),
        send.messengers,
        send.delivery,
        basics.metrics(),
        basics.clock(),
        (tenant, channel) -> teams.forChannel(tenant, channel).policy().calendar().holidays());
  }
}
