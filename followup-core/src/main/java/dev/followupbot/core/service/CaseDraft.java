package dev.followupbot.core.service;

import dev.followupbot.core.domain.Priority;
import java.util.Objects;
import java.util.Optional;

/**
 * A case to open: what it is about, where its card goes, and its helpdesk reference if it has one.
 * When the reference names an existing case, {@link CaseService#openOrUpdate} updates that case
 * instead, taking from the draft only what it sets ({@code customer} and {@code priority} are kept
 * when absent).
 */
public record CaseDraft(
    Optional<String> externalRef,
    String subject,
    Optional<String> customer,
    Optional<Priority> priority,
    String channelId) {

  public CaseDraft {
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(channelId, "channelId");
  }
}
