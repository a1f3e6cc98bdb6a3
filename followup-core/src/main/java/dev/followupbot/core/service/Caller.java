package dev.followupbot.core.service;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Who is asking, as their platform told us, and where: the conversation a command was typed in is
 * the channel new cases belong to.
 */
public record Caller(
    TenantId tenant, String userId, String displayName, ZoneId zone, String channelId) {

  public Caller {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(channelId, "channelId");
    displayName = displayName == null || displayName.isBlank() ? userId : displayName;
  }

  public UserRef ref() {
    return new UserRef(tenant, userId);
  }

  public Person asPerson() {
    return new Person(tenant, userId, displayName, zone);
  }
}
