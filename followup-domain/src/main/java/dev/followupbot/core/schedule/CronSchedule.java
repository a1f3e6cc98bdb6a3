package dev.followupbot.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A Quartz-style cron expression ({@code 0 0 9 ? * MON-FRI}) read in a team's time zone. The next
 * fire time is found on local wall-clock time and only then placed in the zone, so DST behaves the
 * way people expect: a time skipped in spring fires at the same offset after the gap, a time
 * repeated in autumn fires once. (Quartz's own cron trigger skips or repeats such runs.)
 */
public final class CronSchedule {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime execution;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
    this.expression = expression;
    this.zone = zone;
    this.execution = execution;
  }

  /** Reads the expression; a mistake is an IllegalArgumentException saying what is expected. */
  public static CronSchedule parse(String expression, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    String text = expression == null ? "" : expression.strip();
    try {
      Cron cron = PARSER.parse(text);
      cron.validate();
      return new CronSchedule(text, zone, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a cron expression; use Quartz's six fields, e.g. \"0 0 9 ? * MON-FRI\""
              + " for 9:00 on weekdays ("
              + e.getMessage()
              + ")");
    }
  }

  /** The first fire time strictly after {@code after}, if there is one. */
  public Optional<Instant> nextAfter(Instant after) {
    LocalDateTime local = after.atZone(zone).toLocalDateTime();
    for (int i = 0; i < 4; i++) {
      Optional<ZonedDateTime> next = execution.nextExecution(local.atZone(ZoneOffset.UTC));
      if (next.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime candidate = next.get().toLocalDateTime();
      Instant at = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
      if (at.isAfter(after)) {
        return Optional.of(at);
      }
      local = candidate; // the second pass through an autumn hour: already fired
    }
    return Optional.empty();
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule c && c.expression.equals(expression) && c.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression, zone);
  }

  @Override
  public String toString() {
    return "\"" + expression + "\" " + zone.getId();
  }
}
