package dev.followupbot.core.jdbc;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.message.Block;

/**
 * How a {@link Block} is stored as JSON in the outbox: a {@code type} property names the block. The
 * names live here, as a Jackson mix-in, so the neutral message model carries no persistence
 * annotations. They are the stored format: renaming one strands the rows already queued.
 */
final class BlockJson {

  private BlockJson() {}

  /** A mapper that reads and writes messages in the outbox's format. */
  static ObjectMapper mapper() {
    return new ObjectMapper().addMixIn(Block.class, BlockMixIn.class);
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Block.Header.class, name = "header"),
    @JsonSubTypes.Type(value = Block.Section.class, name = "section"),
    @JsonSubTypes.Type(value = Block.Facts.class, name = "facts"),
    @JsonSubTypes.Type(value = Block.Actions.class, name = "actions"),
    @JsonSubTypes.Type(value = Block.Context.class, name = "context"),
    @JsonSubTypes.Type(value = Block.Divider.class, name = "divider")
  })
  private interface BlockMixIn {}
}
