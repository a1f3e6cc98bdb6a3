package dev.followupbot.core.team;

import dev.followupbot.core.domain.Priority;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every team setting an admin may change, in the order they are listed: its key as the
 * configuration file writes it, and how its value in force reads, as an admin would write it.
 * Settings with a value per priority ({@code sla.first_response.high}) have a key prefix.
 */
public enum TeamSetting {
  TIMEZONE("timezone", t -> t.zone().getId()),
  BUSINESS_HOURS("business_hours", t -> t.policy().calendar().describeHours()),
  HOLIDAYS(
      "holidays",
      t ->
          t.policy().calendar().holidays().isEmpty()
              ? "none"
              : new TreeSet<>(t.policy().calendar().holidays()).toString()),
  QUIET_HOURS("quiet_hours", t -> t.policy().quietHours().map(q -> q.format()).orElse("none")),
  UNCLAIMED_NUDGE_AFTER(
      "unclaimed.nudge_after", t -> duration(t.policy().unclaimed().nudgeAfter())),
  UNCLAIMED_ESCALATION("unclaimed.escalation", TeamSetting::escalation),
  UNCLAIMED_REPEAT("unclaimed.repeat", t -> Integer.toString(t.policy().unclaimed().repeat())),
  STALE_AFTER("stale.after", t -> duration(t.policy().stale().after())),
  STALE_ESCALATE_AFTER("stale.escalate_after", t -> duration(t.policy().stale().escalateAfter())),
  SLA_WARN_AT("sla.warn_at", t -> Math.round(t.policy().sla().warnAt() * 100) + "%"),
  SLA_FIRST_RESPONSE("sla.first_response") {
    @Override
    Map<Priority, Duration> byPriority(TeamPolicy p) {
      return p.sla().firstResponse();
    }
  },
  SLA_RESOLUTION("sla.resolution") {
    @Override
    Map<Priority, Duration> byPriority(TeamPolicy p) {
      return p.sla().resolution();
    }
  },
  SLA_NEXT_RESPONSE("sla.next_response") {
    @Override
    Map<Priority, Duration> byPriority(TeamPolicy p) {
      return p.sla().nextResponse();
    }
  },
  FOLLOW_UP_AFTER_RESOLUTION("follow_up.after_resolution") {
    @Override
    Map<Priority, Duration> byPriority(TeamPolicy p) {
      return p.followUp().afterResolution();
    }
  },
  FOLLOW_UP_AT("follow_up.at", t -> t.policy().followUp().at().toString()),
  FOLLOW_UP_AUTO_RESOLVE_AFTER(
      "follow_up.auto_resolve_after", t -> duration(t.policy().followUp().autoResolveAfter())),
  FOLLOW_UP_AUTO_RESOLVE_WARN_AFTER(
      "follow_up.auto_resolve_warn_after",
      t -> duration(t.policy().followUp().autoResolveWarnAfter())),
  CSAT_LOW_SCORE("csat.low_score", t -> Integer.toString(t.policy().csat().lowScore())),
  CSAT_ON_LOW("csat.on_low", t -> t.policy().csat().onLow().key()),
  DIGEST_TEAM(
      "digest.team",
      t ->
          t.policy()
              .digest()
              .team()
              .map(c -> "\"" + c.expression() + "\" (" + c.zone().getId() + ")")
              .orElse("off")),
  DIGEST_PERSONAL("digest.personal", t -> t.policy().digest().personal() ? "on" : "off"),
  NUDGES_GROUP_WINDOW("nudges.group_window", t -> Durations.format(t.policy().groupWindow())),
  INTAKE_MODE("intake.mode", t -> t.policy().intake().mode().key()),
  INTAKE_GROUP_WINDOW(
      "intake.group_window", t -> Durations.format(t.policy().intake().groupWindow())),
  INTAKE_FIRST_RESPONDER_CLAIMS(
      "intake.first_responder_claims",
      t -> t.policy().intake().firstResponderClaims() ? "true" : "false"),
  INTAKE_REOPEN_WITHIN(
      "intake.reopen_within", t -> Durations.format(t.policy().intake().reopenWithin()));

  /** How a per-priority key ends in the list of keys: {@code sla.resolution.<priority>}. */
  public static final String PRIORITY_SUFFIX = ".<priority>";

  /** The summary {@code admin show} gives of both SLA targets. */
  public static final String SLA_SUMMARY = "sla";

  private final String key;
  private final Function<SupportTeam, String> read;

  TeamSetting(String key, Function<SupportTeam, String> read) {
    this.key = key;
    this.read = read;
  }

  /** A setting with a value per priority: its constant says where they are in the policy. */
  TeamSetting(String key) {
    this(key, null);
  }

  /** The key as the file writes it; for a per-priority setting, the prefix before the priority. */
  public String key() {
    return key;
  }

  /** The key as listed to admins: a per-priority setting's ends in {@link #PRIORITY_SUFFIX}. */
  public String listedKey() {
    return perPriority() ? key + PRIORITY_SUFFIX : key;
  }

  public boolean perPriority() {
    return read == null;
  }

  /** The value in force; for a per-priority setting, every priority's ("urgent 1h, high 4h, …"). */
  public String read(SupportTeam team) {
    if (perPriority()) {
      return targets(byPriority(team.policy()));
    }
    return read.apply(team);
  }

  /** One priority's value of a per-priority setting, "off" when it has none. */
  public String read(SupportTeam team, Priority priority) {
    return Optional.ofNullable(byPriority(team.policy()).get(priority))
        .map(Durations::format)
        .orElse("off");
  }

  Map<Priority, Duration> byPriority(TeamPolicy p) {
    throw new UnsupportedOperationException(key + " has one value, not one per priority");
  }

  /**
   * A setting's value in force by its full key ({@code sla.resolution.high}, or {@link
   * #SLA_SUMMARY}), as an admin would write it; "?" for a key that is no setting.
   */
  public static String describe(SupportTeam team, String fullKey) {
    for (TeamSetting s : values()) {
      if (s.perPriority() && fullKey.startsWith(s.key + ".")) {
        Priority priority =
            Priority.fromLabel(fullKey.substring(fullKey.lastIndexOf('.') + 1))
                .orElse(Priority.NORMAL);
        return s.read(team, priority);
      }
      if (s.key.equals(fullKey)) {
        return s.read(team);
      }
    }
    if (fullKey.equals(SLA_SUMMARY)) {
      return "first response "
          + SLA_FIRST_RESPONSE.read(team)
          + "; resolution "
          + SLA_RESOLUTION.read(team);
    }
    return "?";
  }

  private static String duration(Optional<Duration> d) {
    return d.map(Durations::format).orElse("off");
  }

  private static String escalation(SupportTeam t) {
    TeamPolicy.Unclaimed u = t.policy().unclaimed();
    return u.escalation().isEmpty()
        ? "none"
        : u.escalation().stream().map(EscalationStep::describe).collect(Collectors.joining("; "))
            + (u.repeat() > 0 ? "; repeated " + u.repeat() + "×" : "");
  }

  private static String targets(Map<Priority, Duration> byPriority) {
    StringBuilder s = new StringBuilder();
    for (Priority pr : Priority.values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(pr.label())
          .append(' ')
          .append(Optional.ofNullable(byPriority.get(pr)).map(Durations::format).orElse("off"));
    }
    return s.toString();
  }
}
