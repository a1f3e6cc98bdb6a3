package dev.followupbot.core.config;

import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.schedule.CronSchedule;
import dev.followupbot.core.schedule.WeeklyHours;
import dev.followupbot.core.team.CsatAction;
import dev.followupbot.core.team.EscalationAction;
import dev.followupbot.core.team.EscalationStep;
import dev.followupbot.core.team.Intake;
import dev.followupbot.core.team.IntakeMode;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns policy keys as written (built-in values, then {@code defaults:}, then the team, then
 * admins' overrides) into the policy a team runs on.
 */
public final class TeamPolicies {

  /**
   * What every team gets when nothing says otherwise. Works out of the box: 24/7, no quiet hours.
   */
  public static final PolicySpec BUILT_IN =
      new PolicySpec(
          WeeklyHours.ALWAYS,
          List.of(),
          new PolicySpec.QuietSetting(Optional.empty()),
          new PolicySpec.UnclaimedSpec(
              Duration.ofMinutes(15),
              List.of(new PolicySpec.StepSpec(Duration.ofMinutes(15), "mention_leads", null)),
              0),
          new PolicySpec.StaleSpec(Duration.ofDays(1), Duration.ofHours(4)),
          new PolicySpec.SlaSpec(
              0.75,
              byPriority(
                  Duration.ofMinutes(15),
                  Duration.ofHours(1),
                  Duration.ofHours(4),
                  Duration.ofDays(1)),
              byPriority(
                  Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5)),
              byPriority(
                  Duration.ofMinutes(30),
                  Duration.ofHours(2),
                  Duration.ofHours(8),
                  Duration.ofDays(1))),
          new PolicySpec.FollowUpSpec(
              byPriority(
                  Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5)),
              LocalTime.of(10, 0),
              ConfigLoader.OFF,
              ConfigLoader.OFF),
          new PolicySpec.CsatSpec(2, "notify_lead"),
          new PolicySpec.DigestSpec("0 0 9 ? * MON-FRI", true),
          new PolicySpec.NudgesSpec(Duration.ofMinutes(2)),
          new PolicySpec.IntakeSpec(
              "manual",
              Map.of(),
              Duration.ofMinutes(5),
              true,
              Duration.ofDays(7),
              List.of(
                  "thanks",
                  "thank you",
                  "thanks a lot",
                  "many thanks",
                  "ty",
                  "thx",
                  "ok",
                  "okay",
                  "great",
                  "perfect",
                  "got it",
                  "cool",
                  "awesome",
                  "cheers",
                  ":+1:",
                  ":thumbsup:",
                  ":pray:",
                  "👍",
                  "🙏"),
              new PolicySpec.ReactionsSpec("ticket", "eyes", "white_check_mark")));

  private TeamPolicies() {}

  /** The policy from fully merged keys (start from {@link #BUILT_IN} so every key is set). */
  public static TeamPolicy resolve(PolicySpec spec, ZoneId zone) {
    WeeklyHours hours = spec.businessHours();
    List<LocalDate> holidays = spec.holidays();
    PolicySpec.UnclaimedSpec u = spec.unclaimed();
    List<EscalationStep> steps =
        u.escalation().stream()
            .map(
                s ->
                    new EscalationStep(
                        on(s.after()).orElse(Duration.ZERO),
                        EscalationAction.fromKey(s.action()).orElseThrow(),
                        Optional.ofNullable(s.to()).map(String::strip)))
            .toList();
    PolicySpec.SlaSpec sla = spec.sla();
    PolicySpec.FollowUpSpec f = spec.followUp();
    PolicySpec.CsatSpec c = spec.csat();
    PolicySpec.DigestSpec d = spec.digest();
    Optional<CronSchedule> teamDigest =
        d.team() == null || d.team().equalsIgnoreCase("off")
            ? Optional.empty()
            : Optional.of(CronSchedule.parse(d.team(), zone));
    return new TeamPolicy(
        hours.calendar(zone, new HashSet<>(holidays)),
        spec.quietHours().hours(),
        new TeamPolicy.Unclaimed(on(u.nudgeAfter()), steps, u.repeat()),
        new TeamPolicy.Stale(on(spec.stale().after()), on(spec.stale().escalateAfter())),
        new TeamPolicy.Sla(
            sla.warnAt(),
            targets(sla.firstResponse()),
            targets(sla.resolution()),
            targets(sla.nextResponse())),
        followUp(f),
        new TeamPolicy.Csat(c.lowScore(), CsatAction.fromKey(c.onLow()).orElseThrow()),
        new TeamPolicy.Digest(teamDigest, Boolean.TRUE.equals(d.personal())),
        spec.nudges().groupWindow().isNegative() ? Duration.ZERO : spec.nudges().groupWindow(),
        intake(spec.intake()));
  }

  private static Intake intake(PolicySpec.IntakeSpec i) {
    Map<String, IntakeMode> channels = new java.util.HashMap<>();
    i.channels().forEach((c, m) -> channels.put(c.strip(), IntakeMode.fromKey(m).orElseThrow()));
    return new Intake(
        IntakeMode.fromKey(i.mode()).orElseThrow(),
        channels,
        i.groupWindow().isNegative() ? Duration.ZERO : i.groupWindow(),
        i.firstResponderClaims(),
        i.reopenWithin().isNegative() ? Duration.ZERO : i.reopenWithin(),
        i.pleasantries(),
        new Intake.Reactions(i.reactions().open(), i.reactions().claim(), i.reactions().resolve()));
  }

  private static TeamPolicy.FollowUp followUp(PolicySpec.FollowUpSpec f) {
    Optional<Duration> after = on(f.autoResolveAfter());
    Optional<Duration> warn = after.isEmpty() ? Optional.empty() : on(f.autoResolveWarnAfter());
    if (warn.isPresent() && warn.get().compareTo(after.get()) >= 0) {
      throw new IllegalArgumentException(
          "follow_up.auto_resolve_warn_after must be shorter than auto_resolve_after");
    }
    return new TeamPolicy.FollowUp(targets(f.afterResolution()), f.at(), after, warn);
  }

  private static Optional<Duration> on(Duration d) {
    return d == null || d.equals(ConfigLoader.OFF) ? Optional.empty() : Optional.of(d);
  }

  private static Map<Priority, Duration> targets(Map<Priority, Duration> written) {
    Map<Priority, Duration> out = new EnumMap<>(Priority.class);
    written.forEach((p, d) -> on(d).ifPresent(v -> out.put(p, v)));
    return out;
  }

  private static Map<Priority, Duration> byPriority(
      Duration urgent, Duration high, Duration normal, Duration low) {
    Map<Priority, Duration> m = new EnumMap<>(Priority.class);
    m.put(Priority.URGENT, urgent);
    m.put(Priority.HIGH, high);
    m.put(Priority.NORMAL, normal);
    m.put(Priority.LOW, low);
    return m;
  }
}
