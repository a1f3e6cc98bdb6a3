package dev.followupbot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Nudge keys are stored: each reads as it always did, and reads back as the decision it names. */
class NudgeKeyTest {

  private static final Instant SINCE = Instant.ofEpochMilli(1_700_000_000_123L);

  @Test
  void each_decision_is_the_key_stored_before_there_was_a_type_for_it() {
    assertThat(new NudgeKey.Unclaimed(7, SINCE, 2)).hasToString("u:7:1700000000123:2");
    assertThat(new NudgeKey.Stale(7, SINCE, 0)).hasToString("s:7:1700000000123:0");
    assertThat(new NudgeKey.Sla(7, "FIRST_RESPONSE", SINCE, false))
        .hasToString("sla:7:FIRST_RESPONSE:1700000000123:warn");
    assertThat(new NudgeKey.Sla(7, "RESOLUTION", SINCE, true))
        .hasToString("sla:7:RESOLUTION:1700000000123:breach");
    assertThat(new NudgeKey.LowScore(7, SINCE)).hasToString("csat:7:1700000000123");
    assertThat(new NudgeKey.Stale(7, SINCE, 1).forLead("lee"))
        .hasToString("s:7:1700000000123:1:lee");
  }

  @Test
  void a_stored_key_reads_back_as_its_decision_even_for_a_lead_whose_id_has_colons() {
    for (NudgeKey key :
        new NudgeKey[] {
          new NudgeKey.Unclaimed(7, SINCE, 2),
          new NudgeKey.Stale(7, SINCE, 1).forLead("29:1a-b"),
          new NudgeKey.Sla(7, "FIRST_RESPONSE", SINCE, true).forLead("U1"),
          new NudgeKey.LowScore(7, SINCE)
        }) {
      assertThat(NudgeKey.parse(key.toString())).contains(key);
    }
  }

  @Test
  void only_unclaimed_and_stale_decisions_belong_to_an_episode_of_the_case() {
    assertThat(NudgeKey.parse("u:7:1700000000123:0").flatMap(NudgeKey::episode)).contains(SINCE);
    assertThat(NudgeKey.parse("s:7:1700000000123:1:lee").flatMap(NudgeKey::episode))
        .contains(SINCE);
    assertThat(NudgeKey.parse("sla:7:FIRST_RESPONSE:1700000000123:warn").flatMap(NudgeKey::episode))
        .isEmpty();
  }

  @Test
  void a_key_this_version_does_not_write_names_no_decision() {
    assertThat(NudgeKey.parse("other:7")).isEmpty();
    assertThat(NudgeKey.parse("u:7:x:0")).isEmpty();
    assertThat(NudgeKey.parse("u:7")).isEmpty();
    assertThat(NudgeKey.parse("")).isEmpty();
  }
}
