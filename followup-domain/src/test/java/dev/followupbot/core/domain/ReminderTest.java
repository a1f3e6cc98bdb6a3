package dev.followupbot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReminderTest {

  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private static Reminder pending() {
    return Reminder.create(
        TenantId.CONSOLE,
        1,
        "ann",
        "ann",
        Optional.empty(),
        ReminderKind.FOLLOW_UP,
        Optional.of("  call back  "),
        NOW.plusSeconds(60),
        NOW);
  }

  @Test
  void a_new_reminder_is_pending_in_its_first_occurrence_with_a_trimmed_note() {
    Reminder r = pending();
    assertThat(r.status()).isEqualTo(ReminderStatus.PENDING);
    assertThat(r.occurrence()).isEqualTo(1);
    assertThat(r.note()).contains("call back");
  }

  @Test
  void snoozing_starts_a_new_occurrence_and_counts() {
    Reminder snoozed = pending().delivered(NOW).snoozedUntil(NOW.plusSeconds(3600));
    assertThat(snoozed.status()).isEqualTo(ReminderStatus.PENDING);
    assertThat(snoozed.occurrence()).isEqualTo(2);
    assertThat(snoozed.snoozeCount()).isEqualTo(1);
    assertThat(snoozed.dueAt()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void delivered_then_done() {
    Reminder done = pending().delivered(NOW).completed(ReminderStatus.DONE, NOW);
    assertThat(done.status()).isEqualTo(ReminderStatus.DONE);
    assertThat(done.deliveredAt()).contains(NOW);
    assertThat(done.status().isActive()).isFalse();
  }

  @Test
  void an_overlong_note_is_refused() {
    assertThatThrownBy(
            () ->
                Reminder.create(
                    TenantId.CONSOLE,
                    1,
                    "a",
                    "a",
                    Optional.empty(),
                    ReminderKind.FOLLOW_UP,
                    Optional.of("x".repeat(1001)),
                    NOW,
                    NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
