package dev.followupbot.core.port;

import dev.followupbot.core.domain.CaseStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which cases a listing asks for, one page at a time: cases in these states, optionally only one
 * owner's, only in (or not in) some channels, only those changed since an instant, numbered after
 * {@code afterNumber}, in case-number order.
 *
 * @param inChannels when present, only cases opened in one of these channels
 * @param notInChannels cases opened in these channels are left out (the implicit default team is
 *     every channel no team names)
 */
public record CaseSearch(
    Set<CaseStatus> statuses,
    Optional<String> ownerId,
    Optional<Set<String>> inChannels,
    Set<String> notInChannels,
    Optional<Instant> updatedSince,
    int afterNumber,
    int limit) {

  public CaseSearch {
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(inChannels, "inChannels");
    Objects.requireNonNull(notInChannels, "notInChannels");
    Objects.requireNonNull(updatedSince, "updatedSince");
    statuses = Set.copyOf(statuses);
    inChannels = inChannels.map(Set::copyOf);
    notInChannels = Set.copyOf(notInChannels);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
