package dev.followupbot.core.domain;

import java.util.Objects;

/** A person as the platform knows them: their tenant and the platform's user id. */
public record UserRef(TenantId tenant, String userId) {
  public UserRef {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
  }
}
