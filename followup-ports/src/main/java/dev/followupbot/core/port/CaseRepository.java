package dev.followupbot.core.port;

import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.message.MessageRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores cases and their append-only history. Every method takes the tenant and never returns
 * another tenant's case, even for a valid id.
 */
public interface CaseRepository {

  /** Stores a new case and returns it with its id. */
  SupportCase insert(SupportCase draft);

  Optional<SupportCase> findByNumber(TenantId tenant, int number);

  Optional<SupportCase> findByExternalRef(TenantId tenant, String externalRef);

  Optional<SupportCase> findById(TenantId tenant, long id);

  /**
   * Writes a changed case if nobody changed it since it was read ({@code after.version() - 1}).
   * Returns false when someone else got there first; the caller re-reads and decides again.
   */
  boolean update(SupportCase after);

  /** Records where the case's card was posted. */
  void saveCard(TenantId tenant, long caseId, MessageRef card);

  /**
   * Appends to the case's history and returns the entry's id. The case's last-changed time moves to
   * the entry's time.
   */
  long append(TenantId tenant, CaseEvent event);

  List<CaseEvent> history(TenantId tenant, long caseId);

  /**
   * The histories of several of the tenant's cases in one read, by case id; every id asked for is a
   * key (an unknown id, or another tenant's, maps to an empty list).
   */
  Map<Long, List<CaseEvent>> histories(TenantId tenant, Collection<Long> caseIds);

  /** Cases in the given states, optionally only one owner's, oldest first. */
  List<SupportCase> list(
      TenantId tenant, Set<CaseStatus> statuses, Optional<String> ownerId, int limit);

  /** Cases opened in the tenant between the two instants, oldest first (for reports). */
  List<SupportCase> createdBetween(
      TenantId tenant, java.time.Instant from, java.time.Instant to, int limit);

  /** The tenants that have cases in a channel with this id (for teams named by bare channel). */
  List<TenantId> tenantsWithChannel(String channelId);

  /**
   * Open cases in every tenant, for the scheduler to re-check their timers after a configuration
   * change. Not for answering people.
   */
  List<SupportCase> openEverywhere(int limit);

  /**
   * One page of the tenant's cases, in case-number order, each with when it last changed (its
   * latest history entry).
   */
  List<CaseListing> search(TenantId tenant, CaseSearch search);

  /** When anything about the case last changed: its latest history entry, or its creation. */
  Optional<java.time.Instant> updatedAt(TenantId tenant, long caseId);

  /** How many cases are in this state, in every tenant, for the operators' gauges. */
  int countByStatus(CaseStatus status);
}
