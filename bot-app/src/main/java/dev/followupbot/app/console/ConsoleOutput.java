package dev.followupbot.app.console;

import dev.followupbot.core.message.Message;
import java.io.PrintStream;
import java.util.List;

/**
 * The terminal, shared by the person's replies and the scheduler's deliveries, which arrive on
 * other threads: every print is whole, and the last message's buttons stay clickable with {@code
 * :N}.
 */
public final class ConsoleOutput {

  private final PrintStream out;
  private final PlainTextRenderer renderer = new PlainTextRenderer();
  private List<String> lastButtons = List.of();

  public ConsoleOutput(PrintStream out) {
    this.out = out;
  }

  public synchronized void print(String heading, Message message) {
    PlainTextRenderer.Rendered rendered = renderer.render(message, "  ");
    if (heading != null) {
      out.println(heading);
    }
    out.print(rendered.text());
    out.flush();
    if (!rendered.buttonCommands().isEmpty()) {
      lastButtons = rendered.buttonCommands();
    }
  }

  public synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  /** The command behind button {@code n} (1-based) of the last message that had buttons. */
  public synchronized java.util.Optional<String> button(int n) {
    return n >= 1 && n <= lastButtons.size()
        ? java.util.Optional.of(lastButtons.get(n - 1))
        : java.util.Optional.empty();
  }
}
