package dev.followupbot.core.api;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.Caller;

/**
 * The platform's part of remembering people: who sent a turn, in which conversation, with the name,
 * zone and locale the platform knows. Called once the tenant is admitted and the turn is new.
 */
public interface Speaker {

  Caller caller(TenantId tenant);
}
