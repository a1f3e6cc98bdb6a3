package dev.followupbot.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision to nudge someone (a person or a channel) about a case, held until it may be delivered.
 * {@code key} names the decision (the case, the episode, the step), so re-evaluating a case never
 * nudges twice; pending nudges for one recipient go out together as one message.
 *
 * @param toChannel true for a post in a channel, false for a direct message to a person
 * @param mentions people to mention in a channel post (the leads)
 */
public record Nudge(
    long id,
    TenantId tenant,
    String key,
    long caseId,
    NudgeKind kind,
    int step,
    boolean toChannel,
    String recipientId,
    List<String> mentions,
    Instant dueAt,
    Instant deliverAfter,
    State state,
    Optional<Instant> sentAt) {

  /** Where a nudge is: waiting for its moment, sent, or dropped because it no longer applies. */
  public enum State {
    PENDING,
    SENT,
    DROPPED
  }

  public Nudge {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(deliverAfter, "deliverAfter");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(sentAt, "sentAt");
    mentions = List.copyOf(mentions);
  }

  public static Nudge draft(
      TenantId tenant,
      String key,
      long caseId,
      NudgeKind kind,
      int step,
      boolean toChannel,
      String recipientId,
      List<String> mentions,
      Instant dueAt,
      Instant deliverAfter) {
    return new Nudge(
        0,
        tenant,
        key,
        caseId,
        kind,
        step,
        toChannel,
        recipientId,
        mentions,
        dueAt,
        deliverAfter,
        State.PENDING,
        Optional.empty());
  }
}
