package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.testing.CoreHarness;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantIsolationTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann");
  private final Caller mallory =
      new Caller(CoreHarness.GLOBEX, "mallory", "Mallory", ZoneId.of("UTC"), "C-GLOBEX");

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void each_workspace_numbers_its_own_cases() {
    bot.say(ann, "new Acme's case");
    assertThat(bot.text(mallory, "new Globex's case")).contains("#1 · Globex's case");
  }

  @Test
  void another_workspaces_case_is_not_found_and_not_changed() {
    bot.say(ann, "new Secret refund ref:ZD-1");
    assertThat(bot.text(mallory, "claim 1")).contains("I can't find case #1 here");
    assertThat(bot.text(mallory, "show ZD-1"))
        .contains("I can't find case ZD-1 here")
        .doesNotContain("Secret");
    assertThat(bot.text(mallory, "resolve 1")).contains("I can't find case #1");
    assertThat(bot.text(mallory, "cases all")).doesNotContain("Secret");
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow().status())
        .isEqualTo(CaseStatus.UNCLAIMED);
  }

  @Test
  void another_workspaces_reminders_are_not_found_and_not_changed() {
    bot.say(ann, "remind in 1h confidential");
    assertThat(bot.text(mallory, "done 1")).contains("I can't find reminder 1");
    assertThat(bot.text(mallory, "cancel 1")).contains("I can't find reminder 1");
    assertThat(bot.text(mallory, "reminders")).doesNotContain("confidential");
    assertThat(bot.text(ann, "reminders")).contains("confidential");
  }

  @Test
  void a_mention_of_someone_from_another_workspace_does_not_reach_them() {
    bot.say(mallory, "new Theirs");
    assertThat(bot.text(ann, "remind @mallory in 1h hello")).contains("I don't know @mallory");
  }
}
