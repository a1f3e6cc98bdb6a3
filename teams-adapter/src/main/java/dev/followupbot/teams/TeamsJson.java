package dev.followupbot.teams;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Our own Jackson mapper for what Teams sends and what we store. Bot Builder 4.14.3 declares {@code
 * Activity.timestamp} with the pattern {@code yyyy-MM-dd'T'HH:mm:ss.nXXX}, which reads {@code .123}
 * as 123 nanoseconds and cannot read a timestamp without fractions at all; the mix-in replaces that
 * pattern with ISO-8601, so {@code …00Z}, {@code …00.123Z} and {@code …00.1234567Z} all parse.
 */
final class TeamsJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .addMixIn(Activity.class, ActivityTimestamp.class);

  private TeamsJson() {}

  /** The mix-in: Jackson takes this field's annotations instead of the SDK's. */
  abstract static class ActivityTimestamp {
    @JsonFormat(shape = JsonFormat.Shape.STRING)
    OffsetDateTime timestamp;
  }

  /** Reads an inbound activity; empty when the body is not an activity at all. */
  static Optional<Activity> activity(byte[] body) {
    try {
      JsonNode tree = MAPPER.readTree(body);
      if (tree == null || !tree.isObject() || !tree.hasNonNull("type")) {
        return Optional.empty();
      }
      return Optional.of(MAPPER.treeToValue(tree, Activity.class));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode tree(Object value) {
    return value == null ? MAPPER.missingNode() : MAPPER.valueToTree(value);
  }

  static Optional<ConversationReference> reference(String json) {
    try {
      return Optional.of(MAPPER.readValue(json, ConversationReference.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
