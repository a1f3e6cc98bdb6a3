package dev.followupbot.core;

import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.Storage;
import dev.followupbot.core.service.ChannelTeams;
import dev.followupbot.core.service.ReminderService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Reminders, wired for {@link FollowupCore}: a series skips the holidays of the team whose channel
 * it posts in, and a channel reminder repeats in that team's zone, as the teams in force have them
 * when it is due.
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
        send.webhookEvents,
        basics.metrics(),
        basics.clock(),
        new ChannelTeams() {
          @Override
          public ZoneId zone(TenantId tenant, String channelId) {
            return teams.forChannel(tenant, channelId).policy().calendar().zone();
          }

          @Override
          public Set<LocalDate> holidays(TenantId tenant, String channelId) {
            return teams.forChannel(tenant, channelId).policy().calendar().holidays();
          }

          @Override
          public boolean isAdmin(UserRef who, String channelId) {
            return teams.isAdmin(who, Optional.of(teams.forChannel(who.tenant(), channelId)));
          }
        });
  }
}
