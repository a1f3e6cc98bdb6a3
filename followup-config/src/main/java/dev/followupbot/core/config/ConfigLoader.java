package dev.followupbot.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code followup.yaml}. Keys are snake_case; durations are written like {@code 20m}, {@code
 * 1h30m}, {@code 5s}; zones are IANA names. Any mistake stops the load with a {@link
 * ConfigException} naming the file, the line, the key and what is expected.
 */
public final class ConfigLoader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  /**
   * What {@code off} (or {@code none}) reads as where a duration may be switched off: a negative
   * span no one can write.
   */
  public static final Duration OFF = Duration.ofSeconds(-1);

  private ConfigLoader() {}

  public static FollowupConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file
              + ": file not found. Create it from config/followup.example.yaml, or unset FOLLOWUP_CONFIG to use the defaults.");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read it: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static FollowupConfig parse(String source, String text) {
    if (text.isBlank()) {
      return FollowupConfig.DEFAULTS;
    }
    try {
      FollowupConfig config = mapper().readValue(text, FollowupConfig.class);
      return config == null ? FollowupConfig.DEFAULTS : config;
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
      int reported = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      int line = lineOfKey(text, e.getPropertyName(), reported);
      throw new ConfigException(
          source
              + (line > 0 ? " line " + line : "")
              + ": unknown key '"
              + e.getPropertyName()
              + "'"
              + (known.isEmpty() ? "" : "; expected one of: " + known),
          e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(where(source, e) + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(where(source, e) + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(source, e) + "not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a duration such as {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 2d}. */
  public static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          total = total.plusMillis(n);
          break;
        case "s":
          total = total.plusSeconds(n);
          break;
        case "m":
          total = total.plusMinutes(n);
          break;
        case "h":
          total = total.plusHours(n);
          break;
        case "d":
          total = total.plusDays(n);
          break;
        default:
          total = total.plusDays(7 * n);
          break;
      }
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 30s, 20m, 1h30m or 2d");
    }
    return total;
  }

  /** The YAML parser reads ahead, so find the key's own line at or before the one it reported. */
  private static int lineOfKey(String text, String key, int reported) {
    String[] lines = text.split("\n", -1);
    int found = -1;
    Pattern keyLine = Pattern.compile("^\\s*(-\\s*)?" + Pattern.quote(key) + "\\s*:");
    for (int i = 0; i < lines.length && (reported < 0 || i < reported); i++) {
      if (keyLine.matcher(lines[i]).find()) {
        found = i + 1;
      }
    }
    return found > 0 ? found : reported;
  }

  private static String where(String source, JsonProcessingException e) {
    return where(source, e, true);
  }

  private static String where(String source, JsonProcessingException e, boolean withKey) {
    JsonLocation loc = e.getLocation();
    if (e.getProcessor() instanceof JsonParser parser && parser.currentTokenLocation() != null) {
      // The token's start: the parser itself may already have read ahead to the next line.
      loc = parser.currentTokenLocation();
    }
    String line = loc == null || loc.getLineNr() < 0 ? "" : " line " + loc.getLineNr();
    String key = "";
    if (withKey && e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      key =
          " key '"
              + mapping.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining("."))
                  .replace(".[", "[")
              + "'";
    }
    return source + line + key + ": ";
  }

  /**
   * Parses a fragment of policy keys, as {@code admin set} writes them, e.g. {@code unclaimed:\n
   * nudge_after: 20m}. A mistake is a ConfigException naming {@code source} and the key.
   */
  public static PolicySpec parsePolicy(String source, String yaml) {
    try {
      PolicySpec spec = mapper().readValue(yaml, PolicySpec.class);
      return spec == null ? PolicySpec.EMPTY : spec;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source + ": unknown key '" + e.getPropertyName() + "'", e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(source + ": " + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .registerModule(ConfigValues.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }
}
