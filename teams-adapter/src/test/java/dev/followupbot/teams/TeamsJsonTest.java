package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Inbound activities are read with our mapper; the SDK's own would misread Teams timestamps. */
class TeamsJsonTest {

  private static OffsetDateTime timestamp(String ts) {
    String json = "{\"type\":\"message\",\"timestamp\":\"" + ts + "\",\"unknownField\":1}";
    Activity a = TeamsJson.activity(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    return a.getTimestamp();
  }

  @Test
  void timestamps_without_fractions_with_milliseconds_and_with_ticks_all_parse() {
    assertThat(timestamp("2026-11-23T09:00:00Z"))
        .isEqualTo(OffsetDateTime.parse("2026-11-23T09:00:00Z"));
    assertThat(timestamp("2026-11-23T09:00:00.123Z").getNano()).isEqualTo(123_000_000);
    assertThat(timestamp("2026-11-23T09:00:00.1234567Z").getNano()).isEqualTo(123_456_700);
    assertThat(timestamp("2026-11-23T10:00:00.5+01:00").toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-11-23T09:00:00.5Z").toInstant());
  }

  @Test
  void bodies_that_are_not_activities_are_rejected() {
    assertThat(TeamsJson.activity("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(TeamsJson.activity("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(TeamsJson.activity("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(
            TeamsJson.activity(
                "{\"type\":\"message\",\"timestamp\":\"yesterday\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }
}
