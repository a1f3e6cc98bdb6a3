package dev.followupbot.app.copy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a copy did: rows per table (in the order they were copied), how many id sequences were set
 * to continue after the copied ids, and how long it took.
 */
public record CopyReport(Map<String, Long> rows, int sequences, Duration took) {

  public CopyReport {
    rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
  }

  public long total() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A few lines for a person: the tables that had rows, the empty ones counted. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    long empty = rows.values().stream().filter(n -> n == 0).count();
    lines.add(
        String.format(
            Locale.ROOT,
            "Copied %,d row%s in %.1f s, in one transaction:",
            total(),
            total() == 1 ? "" : "s",
            took.toMillis() / 1000.0));
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    // followup-bot's tables first, in the order they were copied, then Quartz's.
    for (boolean quartz : new boolean[] {false, true}) {
      rows.forEach(
          (table, n) -> {
            if (n > 0 && table.toLowerCase(Locale.ROOT).startsWith("qrtz_") == quartz) {
              lines.add(String.format(Locale.ROOT, "  %-" + width + "s %,8d", table, n));
            }
          });
    }
    if (empty > 0) {
      lines.add("  (" + empty + " other table" + (empty == 1 ? " was" : "s were") + " empty)");
    }
    if (sequences > 0) {
      lines.add(
          sequences
              + " id sequence"
              + (sequences == 1 ? "" : "s")
              + " now continue after the copied ids.");
    }
    return lines;
  }
}
