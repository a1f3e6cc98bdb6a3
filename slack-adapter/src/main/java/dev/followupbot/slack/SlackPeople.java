package dev.followupbot.slack;

import com.slack.api.model.User;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.DeliveryFailure;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.Directory;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names and time zones from users.info, so "tomorrow 9am" is each person's own 9am and messages say
 * "Ann", not "U024BE7LH". Answers are kept in memory for an hour and stored with {@link
 * Directory#remember}, which other nodes and later restarts read. When Slack is slow or down, the
 * stored person (or the configured default zone) stands in: a command never waits long for a name.
 */
final class SlackPeople {

  private static final Logger log = LoggerFactory.getLogger(SlackPeople.class);

  static final Duration TTL = Duration.ofHours(1);
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,40})(?:\\|[^>]*)?>");

  private record Known(Person person, Instant fetchedAt) {}

  private final SlackWebApi api;
  private final TenantId tenant;
  private final Directory directory;
  private final Clock clock;
  private final Executor executor;
  private final Map<String, Known> cache = new ConcurrentHashMap<>();

  /** Each person's home workspace as users.info gave it ({@code team_id}). */
  private final Map<String, String> homeTeams = new ConcurrentHashMap<>();

  /** Each person's locale as users.info gave it ("en-US"): how they write numeric dates. */
  private final Map<String, java.util.Locale> locales = new ConcurrentHashMap<>();

  SlackPeople(
      SlackWebApi api, TenantId tenant, Directory directory, Clock clock, Executor executor) {
    this.api = api;
    this.tenant = tenant;
    this.directory = directory;
    this.clock = clock;
    this.executor = executor;
  }

  /** The person as Slack describes them, from the cache or users.info. */
  Person person(String userId) {
    Known known = cache.get(userId);
    Instant now = clock.instant();
    if (known != null && known.fetchedAt().plus(TTL).isAfter(now)) {
      return known.person();
    }
    try {
      User user = api.userInfo(userId);
      Person fetched = fromSlack(userId, user);
      Caller.localeOf(user.getLocale()).ifPresent(l -> locales.put(userId, l));
      if (user.getTeamId() != null) {
        homeTeams.put(userId, user.getTeamId());
      }
      cache.put(userId, new Known(fetched, now));
      directory.remember(fetched);
      return fetched;
    } catch (DeliveryFailure e) {
      log.warn("users.info for {} failed ({}); using what I know", userId, e.getMessage());
      return known != null ? known.person() : directory.person(tenant, userId);
    }
  }

  /** The person's home workspace, if users.info has told us. */
  Optional<String> homeTeam(String userId) {
    return Optional.ofNullable(homeTeams.get(userId));
  }

  /** The person's locale, if users.info has told us. */
  Optional<java.util.Locale> locale(String userId) {
    return Optional.ofNullable(locales.get(userId));
  }

  /**
   * Like {@link #person}, but waits at most {@code budget} (a request must be answered within
   * Slack's three seconds). The lookup goes on in the background and fills the cache.
   */
  Person personWithin(String userId, Duration budget) {
    Known known = cache.get(userId);
    if (known != null && known.fetchedAt().plus(TTL).isAfter(clock.instant())) {
      return known.person();
    }
    CompletableFuture<Person> lookup =
        CompletableFuture.supplyAsync(() -> person(userId), executor);
    try {
      return lookup.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info("users.info for {} is slow; answering with what I know", userId);
    } catch (ExecutionException e) {
      log.warn("users.info for {} failed: {}", userId, e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return known != null ? known.person() : directory.person(tenant, userId);
  }

  /**
   * Looks up everyone mentioned as {@code <@U123>} in the text, together, waiting at most {@code
   * budget} in all, so that their names and zones are known to the command.
   */
  void learnMentioned(String text, Duration budget) {
    if (text == null) {
      return;
    }
    java.util.List<CompletableFuture<Person>> lookups = new java.util.ArrayList<>();
    Matcher m = MENTION.matcher(text);
    Instant now = clock.instant();
    while (m.find() && lookups.size() < 10) {
      String id = m.group(1);
      Known known = cache.get(id);
      if (known == null || !known.fetchedAt().plus(TTL).isAfter(now)) {
        lookups.add(CompletableFuture.supplyAsync(() -> person(id), executor));
      }
    }
    if (lookups.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
          .get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.info("looking up mentioned people took too long or failed; going on with what I know");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Person fromSlack(String userId, User user) {
    if (user == null) {
      throw DeliveryFailure.transientFailure("users.info returned no user", null);
    }
    String name = null;
    if (user.getProfile() != null) {
      name = firstNonBlank(user.getProfile().getDisplayName(), user.getProfile().getRealName());
    }
    name = firstNonBlank(name, user.getRealName(), user.getName(), userId);
    ZoneId zone = zone(user.getTz()).orElse(directory.defaultZone());
    return new Person(tenant, userId, name, zone);
  }

  private static Optional<ZoneId> zone(String tz) {
    if (tz == null || tz.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(tz));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
