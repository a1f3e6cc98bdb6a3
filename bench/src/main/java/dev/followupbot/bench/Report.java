package dev.followupbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The results: one row per figure, ours beside the baseline, as a Markdown table. */
final class Report {

  /** One measured figure. */
  record Row(
      String figure, String ours, String baseline, String ratio, String target, String verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final String header;

  Report(String header) {
    this.header = header;
  }

  void add(Row row) {
    synchronized (rows) {
      rows.add(row);
    }
  }

  void note(String note) {
    notes.add(note);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  String markdown() {
    StringBuilder s = new StringBuilder(header).append("\n\n");
    s.append("| Figure | followup-bot | Baseline | Ratio | Target | Met? |\n");
    s.append("|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      s.append("| ")
          .append(r.figure())
          .append(" | ")
          .append(r.ours())
          .append(" | ")
          .append(r.baseline())
          .append(" | ")
          .append(r.ratio())
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.verdict())
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      s.append('\n');
      notes.forEach(n -> s.append("- ").append(n).append('\n'));
    }
    return s.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown());
  }

  /** What a row's last column says of a target. */
  static String verdict(boolean met) {
    return met ? "yes" : "**no**";
  }
}
