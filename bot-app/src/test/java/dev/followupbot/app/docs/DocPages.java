package dev.followupbot.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The README and the pages under docs/, read the way GitHub shows them. */
public final class DocPages {

  public static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.+)$");
  private static final Pattern TRANSCRIPT = Pattern.compile("^<!-- transcript: (.+) -->$");

  private DocPages() {}

  /** README.md, then every page under docs/. */
  public static List<Path> pages() {
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      List<Path> pages = new ArrayList<>();
      pages.add(ROOT.resolve("README.md"));
      pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The headings' anchors as GitHub makes them. */
  public static Set<String> anchors(Path page) {
    Set<String> anchors = new TreeSet<>();
    for (String line : prose(read(page)).lines().toList()) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        anchors.add(
            m.group(2)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  /** The text outside fenced code blocks. */
  public static String prose(String markdown) {
    StringBuilder out = new StringBuilder();
    boolean code = false;
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("```")) {
        code = !code;
      } else if (!code) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A console conversation shown in a page: the fenced block right after a {@code <!-- transcript:
   * [VAR=value …] console [options] -->} comment.
   */
  public record Transcript(Path page, String command, String text) {}

  public static List<Transcript> transcripts() {
    List<Transcript> found = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = read(page).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = TRANSCRIPT.matcher(lines.get(i).strip());
        if (m.matches() && i + 1 < lines.size() && lines.get(i + 1).startsWith("```")) {
          StringBuilder block = new StringBuilder();
          int j = i + 2;
          while (j < lines.size() && !lines.get(j).startsWith("```")) {
            block.append(lines.get(j)).append('\n');
            j++;
          }
          found.add(new Transcript(page, m.group(1).strip(), block.toString()));
          i = j;
        }
      }
    }
    return found;
  }

  /** Replaces one transcript's block in its page with {@code text}. */
  public static void rewrite(Transcript transcript, String text) {
    String page = read(transcript.page());
    String marker = "<!-- transcript: " + transcript.command() + " -->";
    int at = page.indexOf(marker);
    int open = page.indexOf('\n', page.indexOf("```", at)) + 1;
    int close = page.indexOf("```", open);
    String body = text.endsWith("\n") ? text : text + "\n";
    write(transcript.page(), page.substring(0, open) + body + page.substring(close));
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
