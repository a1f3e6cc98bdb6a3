package dev.followupbot.core.service;

import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, as their platform told us, and where: the conversation a command was typed in is
 * the channel new cases belong to. {@code locale} is the person's language and region when the
 * platform says (Teams' {@code locale}, Slack's users.info {@code locale}); it decides whether
 * {@code 12/11} is 12 November or 11 December, and without it such a date is offered both ways.
 */
public record Caller(
    TenantId tenant,
    String userId,
    String displayName,
    ZoneId zone,
    String channelId,
    Optional<Locale> locale) {

  public Caller {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(locale, "locale");
    displayName = displayName == null || displayName.isBlank() ? userId : displayName;
  }

  /** A caller whose locale is not known. */
  public Caller(TenantId tenant, String userId, String displayName, ZoneId zone, String channelId) {
    this(tenant, userId, displayName, zone, channelId, Optional.empty());
  }

  /** "en-US" or "en_US" as a locale; empty for nothing or nonsense. */
  public static Optional<Locale> localeOf(String tag) {
    if (tag == null || tag.isBlank() || tag.length() > 35) {
      return Optional.empty();
    }
    Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
    return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(l);
  }

  public UserRef ref() {
    return new UserRef(tenant, userId);
  }

  public Person asPerson() {
    return new Person(tenant, userId, displayName, zone);
  }
}
