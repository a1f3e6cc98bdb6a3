package dev.followupbot.core.service;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * What reminders need to know of the team that owns a channel, as the teams in force have it: the
 * zone a channel reminder repeats in, the holidays a series skips, and who may cancel a channel
 * reminder someone else set.
 */
public interface ChannelTeams {

  ZoneId zone(TenantId tenant, String channelId);

  Set<LocalDate> holidays(TenantId tenant, String channelId);

  /** Whether {@code who} is a global admin or an admin of the team that owns the channel. */
  boolean isAdmin(UserRef who, String channelId);
}
