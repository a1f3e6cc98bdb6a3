package dev.followupbot.core.port;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import java.util.Optional;

/** Remembers people's names, time zones and working hours, per tenant. */
public interface PersonRepository {

  /** Stores what the platform just told us about a person, replacing what was known. */
  void save(Person person);

  Optional<Person> find(TenantId tenant, String userId);

  /** Finds a person in the tenant by display name, ignoring case (for {@code @dana} mentions). */
  Optional<Person> findByName(TenantId tenant, String displayName);

  /** Records whether the person said {@code digest off}. */
  void setDigestOff(TenantId tenant, String userId, boolean off);

  boolean digestOff(TenantId tenant, String userId);

  /** People in every tenant who have not turned their personal digest off: the digest's list. */
  java.util.List<Person> digestRecipients(int limit);
}
