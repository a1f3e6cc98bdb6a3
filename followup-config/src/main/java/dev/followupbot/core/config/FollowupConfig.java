package dev.followupbot.core.config;

import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.team.AccessPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything configurable that is not a secret, as read from {@code config/followup.yaml}. Every
 * value has a default that works out of the box; a missing file means all defaults.
 *
 * @param timezone the zone for people the bot has not met yet and for channel cards
 * @param admins user ids (or {@code tenant/user}, e.g. {@code slack:T012/U034}) who may act on
 *     cases they do not own
 * @param webhooks where case, SLA and CSAT events are POSTed
 */
public record FollowupConfig(
    ZoneId timezone,
    List<String> admins,
    Scheduler scheduler,
    Delivery delivery,
    PolicySpec defaults,
    List<TeamSpec> teams,
    List<WebhookSpec> webhooks) {

  public static final FollowupConfig DEFAULTS =
      new FollowupConfig(null, null, null, null, null, null, null);

  public FollowupConfig {
    timezone = timezone == null ? ZoneId.of("UTC") : timezone;
    admins = admins == null ? List.of() : List.copyOf(admins);
    scheduler = scheduler == null ? new Scheduler(null, null, null) : scheduler;
    delivery = delivery == null ? new Delivery(null, null, null) : delivery;
    defaults = defaults == null ? PolicySpec.EMPTY : defaults;
    teams = teams == null ? List.of() : List.copyOf(teams);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    java.util.Set<String> urls = new java.util.HashSet<>();
    for (WebhookSpec w : webhooks) {
      if (!urls.add(w.url())) {
        throw new IllegalArgumentException(
            "two webhooks have the url '"
                + WebhookSpec.redacted(w.url())
                + "'; list each receiver once (its events: may name several)");
      }
    }
    java.util.Map<String, String> seenIds = new java.util.HashMap<>();
    java.util.Map<String, String> seenChannels = new java.util.HashMap<>();
    for (TeamSpec t : teams) {
      if (seenIds.put(t.id(), t.id()) != null) {
        throw new IllegalArgumentException(
            "two teams have the id '" + t.id() + "'; ids must be unique");
      }
      for (String c : t.channels()) {
        String other = seenChannels.put(c, t.id());
        if (other != null) {
          throw new IllegalArgumentException(
              "channel '"
                  + c
                  + "' is listed by both team '"
                  + other
                  + "' and team '"
                  + t.id()
                  + "'; a channel belongs to one team");
        }
      }
    }
  }

  /** Without teams: every channel runs on the built-in policy. */
  public FollowupConfig(
      ZoneId timezone, List<String> admins, Scheduler scheduler, Delivery delivery) {
    this(timezone, admins, scheduler, delivery, null, null, null);
  }

  /** Without webhooks. */
  public FollowupConfig(
      ZoneId timezone,
      List<String> admins,
      Scheduler scheduler,
      Delivery delivery,
      PolicySpec defaults,
      List<TeamSpec> teams) {
    this(timezone, admins, scheduler, delivery, defaults, teams, null);
  }

  /** The same configuration with other teams (for tests and tools). */
  public FollowupConfig withTeams(PolicySpec newDefaults, List<TeamSpec> newTeams) {
    return new FollowupConfig(
        timezone, admins, scheduler, delivery, newDefaults, newTeams, webhooks);
  }

  /** The same configuration with other webhooks (for tests and tools). */
  public FollowupConfig withWebhooks(List<WebhookSpec> newWebhooks) {
    return new FollowupConfig(timezone, admins, scheduler, delivery, defaults, teams, newWebhooks);
  }

  /** Admins as named here; everyone else may only change cases they own. */
  public AccessPolicy accessPolicy() {
    return (UserRef user) ->
        admins.contains(user.userId())
            || admins.contains(user.tenant().key() + "/" + user.userId());
  }

  /**
   * @param threads Quartz worker threads delivering reminders
   * @param sweepInterval how often queued messages, retries and missed wake-ups are swept up
   * @param clusterCheckin how often a cluster member tells the others it is alive; one silent for
   *     about twice that plus 7.5 s is presumed dead and its work moves to a survivor
   */
  public record Scheduler(Integer threads, Duration sweepInterval, Duration clusterCheckin) {
    public Scheduler {
      threads = threads == null ? 4 : threads;
      sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
      clusterCheckin = clusterCheckin == null ? Duration.ofSeconds(5) : clusterCheckin;
      if (clusterCheckin.compareTo(Duration.ofMillis(500)) < 0) {
        throw new IllegalArgumentException("cluster_checkin must be at least 500ms");
      }
      if (threads < 1 || threads > 100) {
        throw new IllegalArgumentException("threads must be between 1 and 100");
      }
      if (sweepInterval.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("sweep_interval must be at least 100ms");
      }
    }
  }

  /**
   * @param giveUpAfter how long a message that keeps failing is retried before it is dropped and
   *     reported
   * @param firstRetry the wait before the first retry of a transient failure; each further wait
   *     doubles (±20% jitter), and a platform's Retry-After is always respected
   * @param maxRetry the longest wait between two attempts
   */
  public record Delivery(Duration giveUpAfter, Duration firstRetry, Duration maxRetry) {
    public Delivery {
      giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
      firstRetry = firstRetry == null ? Duration.ofSeconds(1) : firstRetry;
      maxRetry = maxRetry == null ? Duration.ofMinutes(5) : maxRetry;
      if (giveUpAfter.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("give_up_after must be at least 1m");
      }
      if (firstRetry.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("first_retry must be at least 100ms");
      }
      if (maxRetry.compareTo(firstRetry) < 0) {
        throw new IllegalArgumentException("max_retry must be at least first_retry");
      }
    }
  }
}
