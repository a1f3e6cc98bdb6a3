package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft's Adaptive Card 1.5 schema ({@code src/test/resources/schemas/adaptive-card-1.5.json},
 * a copy of {@code schemas/1.5.0/adaptive-card.json} from microsoft/AdaptiveCards). Two things it
 * cannot check are checked here: Teams' own {@code msteams} property (mentions), which Teams
 * documents and the schema does not know, and action fallbacks, which the schema lets be any
 * object; each fallback is checked as the action it names.
 */
final class AdaptiveCardSchema {

  private static final Schema SCHEMA = load();

  private AdaptiveCardSchema() {}

  private static Schema load() {
    try (InputStream in =
        AdaptiveCardSchema.class.getResourceAsStream("/schemas/adaptive-card-1.5.json")) {
      ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
      // Draft-04's "id" in a draft-06 schema: the validator refuses the keyword, and nothing
      // refers to the card schema by that name.
      schema.remove("id");
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with the schema's messages unless the card is a valid Adaptive Card 1.5 for Teams. */
  static void assertValid(JsonNode card) {
    ObjectNode copy = card.deepCopy();
    JsonNode msteams = copy.remove("msteams");
    if (msteams != null) {
      for (JsonNode mention : msteams.path("entities")) {
        assertThat(mention.path("type").asText()).isEqualTo("mention");
        assertThat(mention.path("text").asText()).matches("<at>.+</at>");
        assertThat(mention.path("mentioned").path("id").asText()).isNotBlank();
        assertThat(mention.path("mentioned").path("name").asText()).isNotBlank();
      }
    }
    List<String> problems = new ArrayList<>(messages(SCHEMA.validate(copy)));
    for (JsonNode fallback : copy.findValues("fallback")) {
      if (fallback.isObject()) {
        problems.addAll(messages(SCHEMA.validate(cardWithAction(fallback))));
      }
    }
    assertThat(problems).as("schema problems in %s", card).isEmpty();
  }

  private static ObjectNode cardWithAction(JsonNode action) {
    ObjectNode card = JsonNodeFactory.instance.objectNode();
    card.put("type", "AdaptiveCard");
    card.put("version", "1.5");
    ArrayNode body = card.putArray("body");
    ObjectNode set = body.addObject();
    set.put("type", "ActionSet");
    set.putArray("actions").add(action.deepCopy());
    return card;
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(Error::toString).toList();
  }
}
