package dev.followupbot.core.message;

import java.util.Objects;

/**
 * A button whose click runs {@code command} (in the shared command grammar) as the person who
 * clicked it. This is how clicks from every platform reduce to one action call in the core.
 */
public record Button(String label, String command, Style style) {

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
  }

  public static Button of(String label, String command) {
    return new Button(label, command, Style.DEFAULT);
  }

  public static Button primary(String label, String command) {
    return new Button(label, command, Style.PRIMARY);
  }
}
