package dev.followupbot.core.team;

import java.time.Duration;

/** Writes durations the way configuration reads them: 90s, 20m, 1h30m, 2d. */
public final class Durations {

  private Durations() {}

  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder s = new StringBuilder();
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    if (days > 0) {
      s.append(days).append('d');
    }
    if (hours > 0) {
      s.append(hours).append('h');
    }
    if (minutes > 0) {
      s.append(minutes).append('m');
    }
    if (seconds > 0 || (s.length() == 0 && d.toMillisPart() == 0)) {
      s.append(seconds).append('s');
    }
    if (d.toMillisPart() > 0) {
      s.append(d.toMillisPart()).append("ms");
    }
    return s.toString();
  }
}
