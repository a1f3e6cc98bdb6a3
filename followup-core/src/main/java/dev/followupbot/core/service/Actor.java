package dev.followupbot.core.service;

import dev.followupbot.core.domain.TenantId;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who changes a case, with what rights, and through which way in. In chat it is the person typing,
 * an admin if the configuration names them. Through the REST API it is the person the request
 * names, acting with the API token's rights (an admin of its workspace), {@code via} "API", so the
 * history says how the change came.
 */
public record Actor(
    TenantId tenant,
    String userId,
    String displayName,
    ZoneId zone,
    boolean admin,
    Optional<String> via) {

  public Actor {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(via, "via");
    displayName = displayName == null || displayName.isBlank() ? userId : displayName;
  }
}
