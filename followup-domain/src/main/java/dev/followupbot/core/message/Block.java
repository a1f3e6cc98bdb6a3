package dev.followupbot.core.message;

import java.util.List;
import java.util.Objects;

/**
 * The closed set of things a message can contain. Text is plain; `backticks` mark commands and
 * render as code everywhere. Renderers implement {@link Visitor}, so adding a block type breaks
 * every renderer's build until it handles the new type. The outbox's JSON names for the blocks live
 * with the store (jdbc.BlockJson), not here.
 */
public sealed interface Block {

  <R> R accept(Visitor<R> visitor);

  /** One method per block type. */
  interface Visitor<R> {
    R header(Header header);

    R section(Section section);

    R facts(Facts facts);

    R actions(Actions actions);

    R context(Context context);

    R divider(Divider divider);
  }

  /** A title line. */
  record Header(String text) implements Block {
    public Header {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.header(this);
    }
  }

  /** A paragraph. */
  record Section(String text) implements Block {
    public Section {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.section(this);
    }
  }

  /** A label and its value, such as "Owner: Dana". */
  record Fact(String label, String value) {
    public Fact {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Label/value pairs shown as a compact table. */
  record Facts(List<Fact> facts) implements Block {
    public Facts {
      facts = List.copyOf(facts);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.facts(this);
    }
  }

  /** A row of buttons. */
  record Actions(List<Button> buttons) implements Block {
    public Actions {
      buttons = List.copyOf(buttons);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.actions(this);
    }
  }

  /** Small print: timestamps, who did what. */
  record Context(String text) implements Block {
    public Context {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.context(this);
    }
  }

  /** A visual separator. */
  record Divider() implements Block {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.divider(this);
    }
  }
}
