package dev.followupbot.core.service;

import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.CaseRepository;
import java.util.Optional;

/**
 * Finds the case a person meant. A number is a case number first; helpdesks with numeric ticket ids
 * (Zendesk) still work because an unknown number falls back to the external reference.
 */
final class CaseLookup {

  private CaseLookup() {}

  static Optional<SupportCase> find(CaseRepository cases, TenantId tenant, CaseRef ref) {
    if (ref.number().isPresent()) {
      Optional<SupportCase> byNumber = cases.findByNumber(tenant, ref.number().get());
      return byNumber.isPresent()
          ? byNumber
          : cases.findByExternalRef(tenant, ref.number().get().toString());
    }
    return cases.findByExternalRef(tenant, ref.externalRef().orElseThrow());
  }
}
