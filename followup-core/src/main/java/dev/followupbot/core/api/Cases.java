package dev.followupbot.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseListing;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseSearch;
import dev.followupbot.core.service.Actor;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.CaseChange;
import dev.followupbot.core.service.CaseDraft;
import dev.followupbot.core.service.CaseOutcome;
import dev.followupbot.core.service.CaseService;
import dev.followupbot.core.service.OpenOutcome;
import dev.followupbot.core.service.Reply;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for the REST API and the dashboard: finding and listing them in a tenant, and changing them
 * through the same rules as a chat command. Every read is scoped by the tenant.
 */
public final class Cases {

  private final CaseRepository cases;
  private final CaseService service;

  public Cases(CaseRepository cases, CaseService service) {
    this.cases = cases;
    this.service = service;
  }

  public Optional<SupportCase> findByNumber(TenantId tenant, int number) {
    return cases.findByNumber(tenant, number);
  }

  public Optional<SupportCase> findById(TenantId tenant, long id) {
    return cases.findById(tenant, id);
  }

  public Optional<SupportCase> findByExternalRef(TenantId tenant, String externalRef) {
    return cases.findByExternalRef(tenant, externalRef);
  }

  /** A case by its number or helpdesk reference, as a command names it. */
  public Optional<SupportCase> find(TenantId tenant, CaseRef ref) {
    return service.find(tenant, ref);
  }

  public List<CaseListing> search(TenantId tenant, CaseSearch search) {
    return cases.search(tenant, search);
  }

  /** Cases in the given states, optionally only one owner's, oldest first. */
  public List<SupportCase> list(
      TenantId tenant, Set<CaseStatus> statuses, Optional<String> ownerId, int limit) {
    return cases.list(tenant, statuses, ownerId, limit);
  }

  public List<CaseEvent> history(TenantId tenant, long caseId) {
    return cases.history(tenant, caseId);
  }

  /** The histories of several cases at once, by case id. */
  public Map<Long, List<CaseEvent>> histories(TenantId tenant, Collection<Long> caseIds) {
    return cases.histories(tenant, caseIds);
  }

  public Reply open(Caller caller, Command.NewCase command) {
    return service.open(caller, command);
  }

  /** Opens a case for a helpdesk reference, or updates the one that has it. */
  public OpenOutcome openOrUpdate(Actor actor, CaseDraft draft) {
    return service.openOrUpdate(actor, draft);
  }

  public CaseOutcome perform(Actor actor, long caseId, CaseChange change) {
    return service.perform(actor, caseId, change);
  }

  public CaseOutcome perform(Actor actor, CaseRef ref, CaseChange change) {
    return service.perform(actor, ref, change);
  }

  public Reply claim(Caller caller, CaseRef ref) {
    return service.claim(caller, ref);
  }

  public Reply release(Caller caller, CaseRef ref) {
    return service.release(caller, ref);
  }

  public Reply assign(Caller caller, Command.Assign command) {
    return service.assign(caller, command);
  }

  public Reply waitOnCustomer(Caller caller, Command.Wait command) {
    return service.waitOnCustomer(caller, command);
  }

  public Reply resume(Caller caller, CaseRef ref) {
    return service.resume(caller, ref);
  }

  public Reply resolve(Caller caller, Command.Resolve command) {
    return service.resolve(caller, command);
  }

  public Reply reopen(Caller caller, Command.Reopen command) {
    return service.reopen(caller, command);
  }

  public Reply close(Caller caller, CaseRef ref) {
    return service.close(caller, ref);
  }

  /** The case as the REST API shows it. */
  public ObjectNode json(SupportCase c, boolean withHistory) {
    return service.json(c, withHistory);
  }

  public ObjectNode json(CaseListing listed) {
    return service.json(listed);
  }
}
