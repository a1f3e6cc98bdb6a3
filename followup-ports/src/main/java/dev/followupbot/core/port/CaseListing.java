package dev.followupbot.core.port;

import dev.followupbot.core.domain.SupportCase;
import java.time.Instant;
import java.util.Objects;

/** A case as a listing shows it: the case and when anything about it last changed. */
public record CaseListing(SupportCase supportCase, Instant updatedAt) {

  public CaseListing {
    Objects.requireNonNull(supportCase, "supportCase");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
