package dev.followupbot.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.config.TeamPolicies;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.Transition;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaClockTest {

  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z"); // a Monday
  private static final TenantId ACME = new TenantId(Platform.SLACK, "T1");

  private static TeamPolicy policy(String yaml) {
    return TeamPolicies.resolve(
        TeamPolicies.BUILT_IN.overriddenBy(ConfigLoader.parsePolicy("test", yaml)),
        ZoneId.of("UTC"));
  }

  private final TeamPolicy urgent =
      policy("sla: {warn_at: 75%, first_response: {urgent: 20m}, resolution: {urgent: 1h}}");

  private SupportCase c =
      SupportCase.open(
          ACME, 1, Optional.empty(), "Down", Optional.empty(), Priority.URGENT, "C1", "ann", T0);
  private final List<CaseEvent> history = new ArrayList<>();

  private void apply(Transition t) {
    Transition.Applied a = (Transition.Applied) t;
    c = a.after();
    history.add(a.event());
  }

  private SlaStatus status(SlaMetric metric, Instant now) {
    return SlaClock.evaluate(c, history, urgent, now).stream()
        .filter(s -> s.metric() == metric)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void runs_then_is_due_soon_then_breaches() {
    SlaStatus running = status(SlaMetric.FIRST_RESPONSE, T0.plusSeconds(60));
    assertThat(running.state()).isEqualTo(SlaState.RUNNING);
    assertThat(running.deadline()).contains(T0.plus(Duration.ofMinutes(20)));
    assertThat(running.nextChange()).contains(T0.plus(Duration.ofMinutes(15)));
    assertThat(status(SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(15))).state())
        .isEqualTo(SlaState.DUE_SOON);
    SlaStatus breached = status(SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(25)));
    assertThat(breached.state()).isEqualTo(SlaState.BREACHED);
    assertThat(breached.remaining()).isEqualTo(Duration.ofMinutes(-5));
  }

  @Test
  void an_answer_in_time_meets_the_first_response_target_for_good() {
    apply(c.claim("bob", T0.plusSeconds(60)));
    apply(c.answered("bob", false, Optional.empty(), T0.plus(Duration.ofMinutes(10))));
    assertThat(status(SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofHours(5))).state())
        .isEqualTo(SlaState.MET);
  }

  @Test
  void waiting_on_the_customer_pauses_resolution_and_moves_the_deadline() {
    apply(c.claim("bob", T0));
    apply(c.waitOnCustomer("bob", false, Optional.empty(), T0.plus(Duration.ofMinutes(30))));
    SlaStatus paused = status(SlaMetric.RESOLUTION, T0.plus(Duration.ofHours(3)));
    assertThat(paused.state()).isEqualTo(SlaState.PAUSED);
    assertThat(paused.remaining()).isEqualTo(Duration.ofMinutes(30));
    apply(c.resume("bob", false, T0.plus(Duration.ofHours(3))));
    SlaStatus resumed = status(SlaMetric.RESOLUTION, T0.plus(Duration.ofHours(3)));
    assertThat(resumed.state()).isEqualTo(SlaState.RUNNING);
    assertThat(resumed.deadline()).contains(T0.plus(Duration.ofHours(3).plusMinutes(30)));
    assertThat(status(SlaMetric.RESOLUTION, T0.plus(Duration.ofHours(3).plusMinutes(31))).state())
        .isEqualTo(SlaState.BREACHED);
  }

  @Test
  void resolving_in_time_is_met_and_late_is_breached() {
    apply(c.claim("bob", T0));
    apply(c.resolve("bob", false, Optional.empty(), T0.plus(Duration.ofMinutes(50))));
    assertThat(status(SlaMetric.RESOLUTION, T0.plus(Duration.ofDays(1))).state())
        .isEqualTo(SlaState.MET);
    apply(c.reopen("ann", Optional.empty(), T0.plus(Duration.ofHours(2))));
    SlaStatus again = status(SlaMetric.RESOLUTION, T0.plus(Duration.ofHours(2).plusMinutes(10)));
    assertThat(again.since()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(again.state()).isEqualTo(SlaState.RUNNING);
    apply(c.resolve("bob", false, Optional.empty(), T0.plus(Duration.ofHours(4))));
    assertThat(status(SlaMetric.RESOLUTION, T0.plus(Duration.ofDays(1))).state())
        .isEqualTo(SlaState.BREACHED);
  }

  @Test
  void only_business_hours_count() {
    TeamPolicy office =
        policy("business_hours: mon-fri 09:00-17:00\nsla: {first_response: {normal: 4h}}");
    Instant friday = Instant.parse("2026-11-27T15:00:00Z");
    SupportCase late =
        SupportCase.open(
            ACME, 2, Optional.empty(), "x", Optional.empty(), Priority.NORMAL, "C1", "ann", friday);
    SlaStatus s =
        SlaClock.evaluate(late, List.of(), office, Instant.parse("2026-11-30T09:30:00Z")).get(0);
    assertThat(s.elapsed()).isEqualTo(Duration.ofMinutes(150));
    assertThat(s.deadline()).contains(Instant.parse("2026-11-30T11:00:00Z"));
  }

  @Test
  void a_priority_without_target_has_no_clock() {
    TeamPolicy none = policy("sla: {first_response: {urgent: off}, resolution: {urgent: off}}");
    assertThat(SlaClock.evaluate(c, history, none, T0)).isEmpty();
  }
}
