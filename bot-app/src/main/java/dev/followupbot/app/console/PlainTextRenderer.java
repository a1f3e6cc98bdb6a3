package dev.followupbot.app.console;

import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders messages for a terminal: headers in brackets, facts on one line, buttons numbered so
 * {@code :1} clicks the first. Returns the text and the commands behind the numbers.
 */
public final class PlainTextRenderer {

  /** The core's mention, {@code <@id>} or {@code <@id|name>}, shown as @name. */
  private static final java.util.regex.Pattern MENTION =
      java.util.regex.Pattern.compile("<@([^>|]+)(?:\\|([^>]+))?>");

  /** Facts longer than this on one line are shown one per line. */
  private static final int WIDE = 160;

  /** Rendered text and, in order, the commands its numbered buttons run. */
  public record Rendered(String text, List<String> buttonCommands) {}

  public Rendered render(Message message, String indent) {
    List<String> commands = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (Block block : message.blocks()) {
      String part =
          block.accept(
              new Block.Visitor<String>() {
                @Override
                public String header(Block.Header h) {
                  return "[" + h.text() + "]";
                }

                @Override
                public String section(Block.Section s) {
                  return s.text();
                }

                @Override
                public String facts(Block.Facts f) {
                  StringBuilder line = new StringBuilder();
                  for (Block.Fact fact : f.facts()) {
                    line.append(line.length() == 0 ? "" : " · ")
                        .append(fact.label())
                        .append(": ")
                        .append(fact.value());
                  }
                  if (line.length() <= WIDE) {
                    return line.toString();
                  }
                  // Too long for one line: one fact per line reads better.
                  StringBuilder lines = new StringBuilder();
                  for (Block.Fact fact : f.facts()) {
                    lines
                        .append(lines.length() == 0 ? "" : "\n")
                        .append(fact.label())
                        .append(": ")
                        .append(fact.value());
                  }
                  return lines.toString();
                }

                @Override
                public String actions(Block.Actions a) {
                  StringBuilder line = new StringBuilder();
                  for (Button b : a.buttons()) {
                    if (b.opensLink()) {
                      line.append(line.length() == 0 ? "" : "  ")
                          .append("[")
                          .append(b.label())
                          .append(": ")
                          .append(b.url())
                          .append("]");
                      continue;
                    }
                    commands.add(b.command());
                    line.append(line.length() == 0 ? "" : "  ")
                        .append("[")
                        .append(commands.size())
                        .append("] ")
                        .append(b.label());
                  }
                  return line + "   (type :1 to click the first)";
                }

                @Override
                public String context(Block.Context c) {
                  return "(" + c.text() + ")";
                }

                @Override
                public String divider(Block.Divider d) {
                  return "----";
                }
              });
      part =
          MENTION
              .matcher(part)
              .replaceAll(m -> "@" + (m.group(2) != null ? m.group(2) : m.group(1)));
      for (String line : part.split("\n", -1)) {
        out.append(indent).append(line).append('\n');
      }
    }
    if (message.blocks().isEmpty()) {
      out.append(indent).append(message.fallbackText()).append('\n');
    }
    return new Rendered(out.toString(), commands);
  }
}
