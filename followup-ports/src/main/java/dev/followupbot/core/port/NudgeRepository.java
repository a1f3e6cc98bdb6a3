package dev.followupbot.core.port;

import dev.followupbot.core.domain.Nudge;
import dev.followupbot.core.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores nudge decisions. Inserting is idempotent by key, so the same decision taken twice (a
 * duplicate wake-up, two nodes) is stored once.
 */
public interface NudgeRepository {

  /** Stores the nudge unless one with its key exists; returns it only when it is new. */
  Optional<Nudge> insertIfNew(Nudge draft);

  Optional<Nudge> find(long id);

  /** Whether a nudge with this key was ever decided. */
  boolean exists(String key);

  /** Pending nudges for one recipient that may be delivered at {@code now}, oldest first. */
  List<Nudge> pendingFor(TenantId tenant, boolean toChannel, String recipientId, Instant now);

  /** The earliest moment a pending nudge for the recipient may go out, if any is pending. */
  Optional<Instant> nextPendingFor(TenantId tenant, boolean toChannel, String recipientId);

  /** When the recipient was last sent a nudge message. */
  Optional<Instant> lastSentTo(TenantId tenant, boolean toChannel, String recipientId);

  /** Marks pending nudges sent as one outbox message; returns how many were still pending. */
  int markSent(List<Long> ids, long outboxId, Instant now);

  /** The nudge no longer applies (the case was claimed, resolved, …). */
  void drop(long id);

  /** Ids of pending nudges that may be delivered at {@code now}: the sweep's safety net. */
  List<Long> due(Instant now, int limit);

  /** Every nudge about a case, oldest first (for reports and tests). */
  List<Nudge> forCase(TenantId tenant, long caseId);
}
