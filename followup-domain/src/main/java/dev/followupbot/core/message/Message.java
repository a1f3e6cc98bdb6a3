package dev.followupbot.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A platform-neutral message: a plain-text fallback (always present, used for notifications and
 * screen readers) and a few blocks that each platform renders its own way.
 */
public record Message(String fallbackText, List<Block> blocks) {

  public Message {
    Objects.requireNonNull(fallbackText, "fallbackText");
    blocks = List.copyOf(blocks);
    if (fallbackText.isBlank()) {
      throw new IllegalArgumentException("a message needs a fallback text");
    }
  }

  /** A message that is only one line of text. */
  public static Message text(String text) {
    return new Message(text, List.of(new Block.Section(text)));
  }

  public static Builder builder(String fallbackText) {
    return new Builder(fallbackText);
  }

  /** Collects blocks in order. */
  public static final class Builder {
    private final String fallbackText;
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String fallbackText) {
      this.fallbackText = fallbackText;
    }

    public Builder header(String text) {
      blocks.add(new Block.Header(text));
      return this;
    }

    public Builder section(String text) {
      blocks.add(new Block.Section(text));
      return this;
    }

    public Builder facts(List<Block.Fact> facts) {
      if (!facts.isEmpty()) {
        blocks.add(new Block.Facts(facts));
      }
      return this;
    }

    public Builder actions(List<Button> buttons) {
      if (!buttons.isEmpty()) {
        blocks.add(new Block.Actions(buttons));
      }
      return this;
    }

    public Builder context(String text) {
      blocks.add(new Block.Context(text));
      return this;
    }

    public Builder divider() {
      blocks.add(new Block.Divider());
      return this;
    }

    public Builder add(Block block) {
      blocks.add(block);
      return this;
    }

    public Message build() {
      return new Message(fallbackText, blocks);
    }
  }
}
