package dev.followupbot.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Every key is spelled exactly as it was when it was a string built at its call site: entries
 * already stored must still stop the same message from being queued twice.
 */
class DedupeKeyTest {

  private static final TenantId ACME = new TenantId(Platform.SLACK, "T1");

  @Test
  void reminder_keys_name_the_reminder_and_its_occurrence() {
    assertThat(DedupeKey.reminder(12, 3).value()).isEqualTo("reminder:12:3");
    assertThat(DedupeKey.reminderFailed(12, 3).value()).isEqualTo("reminder:12:3:failed");
  }

  @Test
  void card_keys_name_the_case_and_why_the_card_is_posted_again() {
    assertThat(DedupeKey.caseCard(7).value()).isEqualTo("card:7");
    assertThat(DedupeKey.cardRefresh(7, 4).value()).isEqualTo("card:7:v4");
    assertThat(DedupeKey.cardCatchUp(7, 4).value()).isEqualTo("card:7:v4:after-post");
    assertThat(DedupeKey.cardRecovered(7, 4).value()).isEqualTo("card:7:v4:recovered");
    assertThat(DedupeKey.cardRefresh(7, "sla:7:FIRST_RESPONSE:1000:BREACHED").value())
        .isEqualTo("card:7:sla:7:FIRST_RESPONSE:1000:BREACHED");
  }

  @Test
  void notices_digests_nudges_and_late_answers_keep_their_formats() {
    assertThat(DedupeKey.handoff(99).value()).isEqualTo("event:99:handoff");
    assertThat(DedupeKey.nudges(5, 2).value()).isEqualTo("nudges:5:2");
    assertThat(DedupeKey.teamDigest("support", ACME, "C1", Instant.ofEpochMilli(1234)).value())
        .isEqualTo("digest:team:support:" + ACME.key() + ":C1:1234");
    assertThat(DedupeKey.personalDigest(new UserRef(ACME, "U1"), LocalDate.of(2026, 12, 3)).value())
        .isEqualTo("digest:person:" + ACME.key() + ":U1:2026-12-03");
    assertThat(DedupeKey.lateAnswer("slack:C1:1700000000.1").value())
        .startsWith("answer:")
        .hasSize("answer:".length() + 64)
        .isEqualTo(DedupeKey.lateAnswer("slack:C1:1700000000.1").value());
  }

  @Test
  void a_key_reads_as_its_stored_form_and_is_never_blank() {
    assertThat(DedupeKey.of("card:7")).isEqualTo(DedupeKey.caseCard(7));
    assertThat(DedupeKey.caseCard(7)).hasToString("card:7");
    assertThatThrownBy(() -> DedupeKey.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
