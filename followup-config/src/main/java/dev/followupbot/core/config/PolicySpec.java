package dev.followupbot.core.config;

import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.schedule.QuietHours;
import dev.followupbot.core.schedule.WeeklyHours;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Policy keys as written in {@code followup.yaml}, under {@code defaults:} or inline in a team. A
 * null field is "not set here": the team inherits it from {@code defaults}, and {@code defaults}
 * from the built-in value. Durations may be {@code off}.
 */
public record PolicySpec(
    WeeklyHours businessHours,
    List<LocalDate> holidays,
    QuietSetting quietHours,
    UnclaimedSpec unclaimed,
    StaleSpec stale,
    SlaSpec sla,
    FollowUpSpec followUp,
    CsatSpec csat,
    DigestSpec digest,
    NudgesSpec nudges,
    IntakeSpec intake) {

  public static final PolicySpec EMPTY =
      new PolicySpec(null, null, null, null, null, null, null, null, null, null, null);

  /** Quiet hours, or none ({@code quiet_hours: none}). */
  public record QuietSetting(Optional<QuietHours> hours) {}

  /** {@code unclaimed:} nudge_after, escalation steps, repeat. */
  public record UnclaimedSpec(Duration nudgeAfter, List<StepSpec> escalation, Integer repeat) {}

  /** One escalation step: after, action (nudge_channel, mention_leads, dm, dm_next_member), to. */
  public record StepSpec(Duration after, String action, String to) {
    public StepSpec {
      if (after == null) {
        throw new IllegalArgumentException("each escalation step needs 'after', e.g. after: 15m");
      }
      if (action == null || dev.followupbot.core.team.EscalationAction.fromKey(action).isEmpty()) {
        throw new IllegalArgumentException(
            "escalation 'action' must be one of nudge_channel, mention_leads, dm, dm_next_member"
                + (action == null ? "" : "; got '" + action + "'"));
      }
      if (action.strip().equalsIgnoreCase("dm") && (to == null || to.isBlank())) {
        throw new IllegalArgumentException(
            "a 'dm' escalation step needs 'to': the user id to message");
      }
    }
  }

  /** {@code stale:} after, escalate_after. */
  public record StaleSpec(Duration after, Duration escalateAfter) {}

  /**
   * {@code sla:} warn_at (e.g. 75%), first_response, resolution and next_response targets per
   * priority.
   */
  public record SlaSpec(
      Double warnAt,
      Map<Priority, Duration> firstResponse,
      Map<Priority, Duration> resolution,
      Map<Priority, Duration> nextResponse) {
    public SlaSpec {
      if (warnAt != null && (warnAt <= 0 || warnAt >= 1)) {
        throw new IllegalArgumentException("warn_at must be between 0% and 100%, e.g. 75%");
      }
    }
  }

  /**
   * {@code follow_up:} after_resolution per priority, at (local time for whole-day waits),
   * auto_resolve_after and auto_resolve_warn_after (business time of requester silence; off by
   * default).
   */
  public record FollowUpSpec(
      Map<Priority, Duration> afterResolution,
      LocalTime at,
      Duration autoResolveAfter,
      Duration autoResolveWarnAfter) {}

  /**
   * {@code csat:} low_score (1-5), on_low (nothing, reopen, notify_lead, reopen_and_notify_lead).
   */
  public record CsatSpec(Integer lowScore, String onLow) {
    public CsatSpec {
      if (lowScore != null && (lowScore < 1 || lowScore > 5)) {
        throw new IllegalArgumentException("low_score must be between 1 and 5");
      }
      if (onLow != null && dev.followupbot.core.team.CsatAction.fromKey(onLow).isEmpty()) {
        throw new IllegalArgumentException(
            "on_low must be one of nothing, reopen, notify_lead, reopen_and_notify_lead; got '"
                + onLow
                + "'");
      }
    }
  }

  /** {@code digest:} team (a cron expression or off), personal (on/off). */
  public record DigestSpec(
      @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = CronText.class)
          String team,
      Boolean personal) {
    public DigestSpec {
      if (team != null && !team.strip().equalsIgnoreCase("off")) {
        team = team.strip();
        dev.followupbot.core.schedule.CronSchedule.parse(team, java.time.ZoneOffset.UTC);
      }
    }
  }

  /** Reads a cron expression (or off), refusing a bad one at its own line. */
  public static final class CronText
      extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    public CronText() {
      super(String.class);
    }

    @Override
    public String deserialize(
        com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctx)
        throws java.io.IOException {
      String text = p.getValueAsString("").strip();
      if (!text.equalsIgnoreCase("off")) {
        try {
          dev.followupbot.core.schedule.CronSchedule.parse(text, java.time.ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
          throw com.fasterxml.jackson.databind.JsonMappingException.from(p, e.getMessage());
        }
      }
      return text;
    }
  }

  /** {@code nudges:} group_window. */
  public record NudgesSpec(Duration groupWindow) {}

  /**
   * {@code intake:} mode (off, manual, auto), channels (a mode per channel id), group_window,
   * first_responder_claims, reopen_within, pleasantries, reactions.
   */
  public record IntakeSpec(
      String mode,
      Map<String, String> channels,
      Duration groupWindow,
      Boolean firstResponderClaims,
      Duration reopenWithin,
      List<String> pleasantries,
      ReactionsSpec reactions) {
    public IntakeSpec {
      if (mode != null && dev.followupbot.core.team.IntakeMode.fromKey(mode).isEmpty()) {
        throw new IllegalArgumentException(
            "intake 'mode' must be off, manual or auto; got '" + mode + "'");
      }
      if (channels != null) {
        channels.forEach(
            (channel, m) -> {
              if (dev.followupbot.core.team.IntakeMode.fromKey(m).isEmpty()) {
                throw new IllegalArgumentException(
                    "intake mode for channel "
                        + channel
                        + " must be off, manual or auto; got '"
                        + m
                        + "'");
              }
            });
      }
    }
  }

  /** {@code intake.reactions:} the emoji names that open, claim and resolve a case. */
  public record ReactionsSpec(String open, String claim, String resolve) {}

  /** This spec with every key {@code other} sets taken from {@code other}; maps merge per key. */
  public PolicySpec overriddenBy(PolicySpec other) {
    return new PolicySpec(
        pick(businessHours, other.businessHours),
        pick(holidays, other.holidays),
        pick(quietHours, other.quietHours),
        merge(
            unclaimed,
            other.unclaimed,
            (a, b) ->
                new UnclaimedSpec(
                    pick(a.nudgeAfter(), b.nudgeAfter()),
                    pick(a.escalation(), b.escalation()),
                    pick(a.repeat(), b.repeat()))),
        merge(
            stale,
            other.stale,
            (a, b) ->
                new StaleSpec(
                    pick(a.after(), b.after()), pick(a.escalateAfter(), b.escalateAfter()))),
        merge(
            sla,
            other.sla,
            (a, b) ->
                new SlaSpec(
                    pick(a.warnAt(), b.warnAt()),
                    mergeMaps(a.firstResponse(), b.firstResponse()),
                    mergeMaps(a.resolution(), b.resolution()),
                    mergeMaps(a.nextResponse(), b.nextResponse()))),
        merge(
            followUp,
            other.followUp,
            (a, b) ->
                new FollowUpSpec(
                    mergeMaps(a.afterResolution(), b.afterResolution()),
                    pick(a.at(), b.at()),
                    pick(a.autoResolveAfter(), b.autoResolveAfter()),
                    pick(a.autoResolveWarnAfter(), b.autoResolveWarnAfter()))),
        merge(
            csat,
            other.csat,
            (a, b) -> new CsatSpec(pick(a.lowScore(), b.lowScore()), pick(a.onLow(), b.onLow()))),
        merge(
            digest,
            other.digest,
            (a, b) -> new DigestSpec(pick(a.team(), b.team()), pick(a.personal(), b.personal()))),
        merge(
            nudges, other.nudges, (a, b) -> new NudgesSpec(pick(a.groupWindow(), b.groupWindow()))),
        merge(
            intake,
            other.intake,
            (a, b) ->
                new IntakeSpec(
                    pick(a.mode(), b.mode()),
                    mergeMaps(a.channels(), b.channels()),
                    pick(a.groupWindow(), b.groupWindow()),
                    pick(a.firstResponderClaims(), b.firstResponderClaims()),
                    pick(a.reopenWithin(), b.reopenWithin()),
                    pick(a.pleasantries(), b.pleasantries()),
                    merge(
                        a.reactions(),
                        b.reactions(),
                        (x, y) ->
                            new ReactionsSpec(
                                pick(x.open(), y.open()),
                                pick(x.claim(), y.claim()),
                                pick(x.resolve(), y.resolve()))))));
  }

  private static <T> T pick(T base, T override) {
    return override != null ? override : base;
  }

  private static <T> T merge(T base, T override, java.util.function.BinaryOperator<T> both) {
    if (base == null) {
      return override;
    }
    return override == null ? base : both.apply(base, override);
  }

  private static <K, V> Map<K, V> mergeMaps(Map<K, V> base, Map<K, V> override) {
    if (base == null) {
      return override;
    }
    if (override == null) {
      return base;
    }
    Map<K, V> out = new java.util.LinkedHashMap<>(base);
    out.putAll(override);
    return out;
  }
}
