package dev.followupbot.core.domain;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** What followup-bot knows about a person: how to address them and where their day is. */
public record Person(
    TenantId tenant,
    String userId,
    String displayName,
    ZoneId zone,
    Optional<WorkingHours> workingHours) {

  public Person {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(workingHours, "workingHours");
    displayName = displayName == null || displayName.isBlank() ? userId : displayName;
  }

  public Person(TenantId tenant, String userId, String displayName, ZoneId zone) {
    this(tenant, userId, displayName, zone, Optional.empty());
  }

  public UserRef ref() {
    return new UserRef(tenant, userId);
  }
}
