package dev.followupbot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.team.CsatAction;
import dev.followupbot.core.team.EscalationAction;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamOverride;
import dev.followupbot.core.team.TeamSetting;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamConfigTest {

  private static final TenantId ACME = new TenantId(Platform.SLACK, "T01");

  private static final String FILE =
      "timezone: UTC\n"
          + "defaults:\n"
          + "  business_hours: mon-fri 09:00-17:00\n"
          + "  quiet_hours: 20:00-08:00\n"
          + "  unclaimed:\n"
          + "    nudge_after: 20m\n"
          + "    escalation:\n"
          + "      - after: 10m\n"
          + "        action: mention_leads\n"
          + "  sla:\n"
          + "    warn_at: 80%\n"
          + "    first_response: {urgent: 15m, high: 1h}\n"
          + "teams:\n"
          + "  - id: Billing\n"
          + "    name: Billing desk\n"
          + "    channels: [C0BILL, \"slack:T02/C0OTHER\"]\n"
          + "    timezone: Europe/Berlin\n"
          + "    leads: [U1]\n"
          + "    members: [U2, U3]\n"
          + "    holidays: [2026-12-24]\n"
          + "    unclaimed:\n"
          + "      nudge_after: 5s\n"
          + "      escalation:\n"
          + "        - {after: 5s, action: dm_next_member}\n"
          + "        - {after: 5m, action: dm, to: U9}\n"
          + "      repeat: 1\n"
          + "    sla:\n"
          + "      first_response: {urgent: 5m}\n"
          + "    csat: {low_score: 3, on_low: reopen}\n"
          + "    digest: {team: \"0 30 8 ? * MON-FRI\", personal: off}\n"
          + "  - id: support\n"
          + "    channels: [C0SUP]\n";

  private final FollowupConfig config = ConfigLoader.parse("followup.yaml", FILE);
  private final SupportTeams teams = new SupportTeams(config, List.of());

  @Test
  void a_team_inherits_defaults_and_overrides_only_what_it_sets() {
    SupportTeam billing = teams.byId("billing").orElseThrow();
    assertThat(billing.name()).isEqualTo("Billing desk");
    assertThat(billing.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(billing.policy().calendar().describe())
        .isEqualTo("mon-fri 09:00-17:00 Europe/Berlin, holidays [2026-12-24]");
    assertThat(billing.policy().quietHours().orElseThrow().format()).isEqualTo("20:00-08:00");
    assertThat(billing.policy().unclaimed().nudgeAfter()).contains(Duration.ofSeconds(5));
    assertThat(billing.policy().unclaimed().escalation())
        .extracting(s -> s.action())
        .containsExactly(EscalationAction.DM_NEXT_MEMBER, EscalationAction.DM);
    assertThat(billing.policy().unclaimed().repeat()).isEqualTo(1);
    // Priorities merge per key: urgent from the team, high from defaults, normal built in.
    assertThat(billing.policy().sla().firstResponse())
        .containsEntry(Priority.URGENT, Duration.ofMinutes(5))
        .containsEntry(Priority.HIGH, Duration.ofHours(1))
        .containsEntry(Priority.NORMAL, Duration.ofHours(4));
    assertThat(billing.policy().sla().warnAt()).isEqualTo(0.8);
    assertThat(billing.policy().csat().onLow()).isEqualTo(CsatAction.REOPEN);
    assertThat(billing.policy().digest().team().orElseThrow().expression())
        .isEqualTo("0 30 8 ? * MON-FRI");
    assertThat(billing.policy().digest().personal()).isFalse();
    assertThat(billing.policy().followUp().at()).isEqualTo(LocalTime.of(10, 0));

    SupportTeam support = teams.byId("support").orElseThrow();
    assertThat(support.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(support.policy().unclaimed().nudgeAfter()).contains(Duration.ofMinutes(20));
    assertThat(support.policy().digest().team().orElseThrow().expression())
        .isEqualTo("0 0 9 ? * MON-FRI");
  }

  @Test
  void cases_belong_to_the_team_of_their_channel_and_others_to_the_defaults() {
    assertThat(teams.forChannel(ACME, "C0BILL").id()).isEqualTo("billing");
    assertThat(teams.forChannel(new TenantId(Platform.SLACK, "T02"), "C0OTHER").id())
        .isEqualTo("billing");
    assertThat(teams.forChannel(ACME, "C0OTHER").id()).isEqualTo("default");
    SupportTeam fallback = teams.forChannel(ACME, "C-RANDOM");
    assertThat(fallback.implicit()).isTrue();
    assertThat(fallback.policy().unclaimed().nudgeAfter()).contains(Duration.ofMinutes(20));
    assertThat(fallback.policy().digest().team()).isEmpty();
  }

  @Test
  void with_no_file_everything_works_out_of_the_box() {
    SupportTeam fallback = new SupportTeams(FollowupConfig.DEFAULTS, List.of()).fallback();
    assertThat(fallback.policy().calendar().isAlwaysOpen()).isTrue();
    assertThat(fallback.policy().quietHours()).isEmpty();
    assertThat(fallback.policy().unclaimed().nudgeAfter()).contains(Duration.ofMinutes(15));
    assertThat(fallback.policy().stale().after()).contains(Duration.ofDays(1));
    assertThat(fallback.policy().sla().resolution())
        .containsEntry(Priority.URGENT, Duration.ofHours(4));
    assertThat(fallback.policy().digest().personal()).isTrue();
  }

  @Test
  void an_override_wins_over_the_file_and_a_bad_one_is_refused() {
    Instant at = Instant.parse("2026-11-23T10:00:00Z");
    teams.withOverrides(
        List.of(
            new TeamOverride("billing", "unclaimed.nudge_after", "20m", "slack:T01/ann", at),
            new TeamOverride("billing", "timezone", "America/New_York", "slack:T01/ann", at),
            new TeamOverride(
                "billing", "holidays", "[2026-12-24, 2026-12-25]", "slack:T01/ann", at),
            new TeamOverride("billing", "digest.team", "0 0 9 ? * MON-FRI", "slack:T01/ann", at)));
    SupportTeam billing = teams.byId("billing").orElseThrow();
    assertThat(billing.policy().unclaimed().nudgeAfter()).contains(Duration.ofMinutes(20));
    assertThat(billing.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(billing.policy().calendar().holidays())
        .containsExactlyInAnyOrder(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));
    assertThat(billing.policy().digest().team().orElseThrow().zone())
        .isEqualTo(ZoneId.of("America/New_York"));
    assertThatThrownBy(
            () ->
                teams.withOverrides(
                    List.of(new TeamOverride("billing", "stale.after", "soon", "x", at))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("billing stale.after")
        .hasMessageContaining("'soon' is not a duration");
    assertThat(teams.byId("billing").orElseThrow().policy().unclaimed().nudgeAfter())
        .as("the refused change left the running teams alone")
        .contains(Duration.ofMinutes(20));
  }

  @Test
  void mistakes_name_the_file_the_line_the_key_and_what_is_expected() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "followup.yaml",
                    "teams:\n  - id: billing\n    channels: [C1]\n    leeds: [U1]\n"))
        .hasMessageContaining("followup.yaml line 4")
        .hasMessageContaining("unknown key 'leeds'");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "followup.yaml",
                    "teams:\n  - id: billing\n    channels: [C1]\n    business_hours: mon-fry 09:00-17:00\n"))
        .hasMessageContaining("followup.yaml line 4")
        .hasMessageContaining("business_hours")
        .hasMessageContaining("'fry'")
        .hasMessageContaining("is not a day");
    assertThatThrownBy(
            () -> ConfigLoader.parse("f.yaml", "defaults:\n  digest:\n    team: every morning\n"))
        .hasMessageContaining("f.yaml line 3")
        .hasMessageContaining("not a cron expression");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "defaults:\n  quiet_hours: late\n"))
        .hasMessageContaining("key 'defaults.quiet_hours'")
        .hasMessageContaining("like 20:00-08:00");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml", "defaults:\n  sla:\n    first_response: {urgnt: 15m}\n"))
        .hasMessageContaining("'urgnt' is not a priority");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml",
                    "defaults:\n  unclaimed:\n    escalation:\n      - {after: 5m, action: page}\n"))
        .hasMessageContaining("f.yaml line 4")
        .hasMessageContaining("must be one of nudge_channel, mention_leads, dm, dm_next_member");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "f.yaml",
                    "teams:\n  - id: a\n    channels: [C1]\n  - id: b\n    channels: [C1]\n"))
        .hasMessageContaining("channel 'C1' is listed by both team 'a' and team 'b'");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "teams:\n  - id: a\n"))
        .hasMessageContaining("team 'a' needs 'channels'");
    assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", "defaults:\n  holidays: [christmas]\n"))
        .hasMessageContaining("'christmas' is not a date; write it like 2026-12-25");
  }

  @Test
  void the_shipped_files_load_and_the_example_documents_the_built_in_defaults() {
    FollowupConfig example =
        ConfigLoader.load(java.nio.file.Path.of("../config/followup.example.yaml"));
    assertThat(new SupportTeams(example, List.of()).fallback().policy())
        .isEqualTo(new SupportTeams(FollowupConfig.DEFAULTS, List.of()).fallback().policy());
    FollowupConfig trial =
        ConfigLoader.load(java.nio.file.Path.of("../config/followup.trial.yaml"));
    SupportTeam desk = new SupportTeams(trial, List.of()).byId("trial").orElseThrow();
    assertThat(desk.owns(TenantId.CONSOLE, "console")).isTrue();
    assertThat(desk.policy().unclaimed().nudgeAfter()).contains(Duration.ofSeconds(5));
  }

  @Test
  void every_setting_admins_may_set_reads_back_as_an_admin_would_write_it() {
    SupportTeam billing = teams.byId("billing").orElseThrow();
    for (String listed : AdminSettings.KEYS) {
      String key = listed.replace(TeamSetting.PRIORITY_SUFFIX, ".urgent");
      assertThat(AdminSettings.canonical(key)).as(listed).contains(key);
      assertThat(TeamSetting.describe(billing, key)).as(key).isNotEqualTo("?");
    }
    assertThat(TeamSetting.describe(billing, "sla.first_response.urgent")).isEqualTo("5m");
    assertThat(TeamSetting.describe(billing, TeamSetting.SLA_SUMMARY))
        .startsWith("first response urgent 5m, high 1h");
    assertThat(TeamSetting.describe(billing, "no.such_setting")).isEqualTo("?");
  }
}
