package dev.followupbot.core.service;

import dev.followupbot.core.command.UserMention;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.PersonRepository;
import dev.followupbot.core.port.TenantRepository;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names and time zones of people, with sensible defaults for people we have not met yet. Writes
 * only when something changed, so remembering the caller on every command is cheap.
 */
public final class Directory {

  private final PersonRepository people;
  private final TenantRepository tenants;
  private final ZoneId defaultZone;
  private final Map<String, Person> lastSaved = new ConcurrentHashMap<>();
  private final Map<TenantId, Boolean> knownTenants = new ConcurrentHashMap<>();

  public Directory(PersonRepository people, TenantRepository tenants, ZoneId defaultZone) {
    this.people = people;
    this.tenants = tenants;
    this.defaultZone = defaultZone;
  }

  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** Records the tenant and the person as the platform just described them. */
  public void remember(Person person) {
    ensureTenant(person.tenant());
    String key = person.tenant().key() + "/" + person.userId();
    Person before = lastSaved.get(key);
    if (!person.equals(before)) {
      Person merged =
          person.workingHours().isPresent()
              ? person
              : people
                  .find(person.tenant(), person.userId())
                  .flatMap(Person::workingHours)
                  .map(
                      h ->
                          new Person(
                              person.tenant(),
                              person.userId(),
                              person.displayName(),
                              person.zone(),
                              Optional.of(h)))
                  .orElse(person);
      people.save(merged);
      lastSaved.put(key, person);
    }
  }

  public void ensureTenant(TenantId tenant) {
    // Remembered only once stored: a concurrent first request must not go ahead before the row
    // exists (its own rows refer to it). Two requests may both store it; that is harmless.
    if (!knownTenants.containsKey(tenant)) {
      tenants.ensure(tenant);
      knownTenants.put(tenant, Boolean.TRUE);
    }
  }

  /** The person, or a stand-in with their id as name and the default zone. */
  public Person person(TenantId tenant, String userId) {
    return people
        .find(tenant, userId)
        .orElseGet(() -> new Person(tenant, userId, userId, defaultZone));
  }

  public String name(TenantId tenant, String userId) {
    return person(tenant, userId).displayName();
  }

  /**
   * Finds who a mention means. Platform mentions carry an id and are trusted as is. A name
   * ({@code @dana}) must match someone we know, except in the console, where typing a name is how
   * people are introduced.
   */
  public Optional<Person> resolve(TenantId tenant, UserMention mention) {
    if (mention.userId().isPresent()) {
      String id = mention.userId().get();
      Optional<Person> known = people.find(tenant, id);
      if (known.isPresent()) {
        return known;
      }
      Person introduced = new Person(tenant, id, mention.name().orElse(id), defaultZone);
      remember(introduced);
      return Optional.of(introduced);
    }
    String name = mention.name().orElseThrow();
    Optional<Person> byId = people.find(tenant, name);
    if (byId.isPresent()) {
      return byId;
    }
    Optional<Person> byName = people.findByName(tenant, name);
    if (byName.isPresent() || tenant.platform() != Platform.CONSOLE) {
      return byName;
    }
    Person introduced = new Person(tenant, name, name, defaultZone);
    remember(introduced);
    return Optional.of(introduced);
  }
}
