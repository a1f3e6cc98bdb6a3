package dev.followupbot.core.testing;

import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.service.Reply;
import java.util.ArrayList;
import java.util.List;

/** Reads messages in tests: all their text, and the commands behind their buttons. */
public final class Replies {

  private Replies() {}

  public static String text(Reply reply) {
    return text(reply.message());
  }

  /** The fallback and every block's text, one per line. */
  public static String text(Message message) {
    StringBuilder s = new StringBuilder(message.fallbackText());
    for (Block b : message.blocks()) {
      s.append('\n')
          .append(
              b.accept(
                  new Block.Visitor<String>() {
                    @Override
                    public String header(Block.Header h) {
                      return h.text();
                    }

                    @Override
                    public String section(Block.Section sec) {
                      return sec.text();
                    }

                    @Override
                    public String facts(Block.Facts f) {
                      StringBuilder out = new StringBuilder();
                      f.facts()
                          .forEach(
                              x ->
                                  out.append(x.label())
                                      .append(": ")
                                      .append(x.value())
                                      .append('\n'));
                      return out.toString();
                    }

                    @Override
                    public String actions(Block.Actions a) {
                      return "";
                    }

                    @Override
                    public String context(Block.Context c) {
                      return c.text();
                    }

                    @Override
                    public String divider(Block.Divider d) {
                      return "";
                    }
                  }));
    }
    return s.toString();
  }

  public static List<String> buttonCommands(Message message) {
    List<String> commands = new ArrayList<>();
    for (Block b : message.blocks()) {
      if (b instanceof Block.Actions a) {
        for (Button button : a.buttons()) {
          commands.add(button.command());
        }
      }
    }
    return commands;
  }

  public static List<String> buttonLabels(Message message) {
    List<String> labels = new ArrayList<>();
    for (Block b : message.blocks()) {
      if (b instanceof Block.Actions a) {
        for (Button button : a.buttons()) {
          labels.add(button.label());
        }
      }
    }
    return labels;
  }
}
