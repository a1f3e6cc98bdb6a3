package dev.followupbot.core.message;

import java.util.Objects;

/**
 * A button whose click runs {@code command} (in the shared command grammar) as the person who
 * clicked it. This is how clicks from every platform reduce to one action call in the core. A link
 * button ({@link #link}) runs no command: it opens {@code url}, and {@code command} is empty; for
 * every other button {@code url} is empty.
 */
public record Button(String label, String command, Style style, String url) {

  /** How prominent the button is. */
  public enum Style {
    DEFAULT,
    PRIMARY,
    DANGER
  }

  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(style, "style");
    url = url == null ? "" : url;
  }

  /** A button that runs {@code command}. */
  public Button(String label, String command, Style style) {
    this(label, command, style, "");
  }

  public static Button of(String label, String command) {
    return new Button(label, command, Style.DEFAULT);
  }

  public static Button primary(String label, String command) {
    return new Button(label, command, Style.PRIMARY);
  }

  /** A button that opens {@code url} (the message a reminder is about), running no command. */
  public static Button link(String label, String url) {
    if (Objects.requireNonNull(url, "url").isBlank()) {
      throw new IllegalArgumentException("a link button needs a url");
    }
    return new Button(label, "", Style.DEFAULT, url);
  }

  /** Whether the button opens a link instead of running a command. */
  public boolean opensLink() {
    return !url.isEmpty();
  }
}
