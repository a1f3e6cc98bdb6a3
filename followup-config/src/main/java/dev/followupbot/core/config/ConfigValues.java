package dev.followupbot.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How {@code followup.yaml} spells its values: durations, dates, times of day, quiet hours, shares,
 * on and off, weekly hours, priorities and zones. A value it cannot read fails with a mapping error
 * that points at it and says how to write it.
 */
final class ConfigValues {

  private ConfigValues() {}

  /** Reads a value, throwing a mapping error that points at it when {@code read} refuses it. */
  private static <T> JsonDeserializer<T> readingText(java.util.function.Function<String, T> read) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (!p.currentToken().isScalarValue()) {
          throw JsonMappingException.from(p, "expected a single value here, not a list or a map");
        }
        try {
          return read.apply(p.getValueAsString(""));
        } catch (IllegalArgumentException | DateTimeException e) {
          throw JsonMappingException.from(p, e.getMessage());
        }
      }
    };
  }

  static SimpleModule module() {
    SimpleModule values = new SimpleModule("followup-values");
    values.addDeserializer(
        Duration.class,
        readingText(
            text ->
                text.strip().equalsIgnoreCase("off") || text.strip().equalsIgnoreCase("none")
                    ? ConfigLoader.OFF
                    : ConfigLoader.duration(text)));
    values.addDeserializer(
        java.time.LocalDate.class,
        readingText(
            text -> {
              try {
                return java.time.LocalDate.parse(text.strip());
              } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                    "'" + text + "' is not a date; write it like 2026-12-25");
              }
            }));
    values.addDeserializer(
        java.time.LocalTime.class,
        readingText(
            text -> {
              try {
                return java.time.LocalTime.parse(
                    text.strip().length() == 4 ? "0" + text.strip() : text.strip());
              } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                    "'" + text + "' is not a time of day; write it like 10:00");
              }
            }));
    values.addDeserializer(
        PolicySpec.QuietSetting.class,
        readingText(
            text ->
                text.strip().equalsIgnoreCase("none") || text.strip().equalsIgnoreCase("off")
                    ? new PolicySpec.QuietSetting(java.util.Optional.empty())
                    : new PolicySpec.QuietSetting(
                        java.util.Optional.of(
                            dev.followupbot.core.schedule.QuietHours.parse(text)))));
    values.addDeserializer(
        Double.class,
        readingText(
            text -> {
              String t = text.strip();
              try {
                return t.endsWith("%")
                    ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100.0
                    : Double.parseDouble(t);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    "'" + text + "' is not a share; write it like 75% or 0.75");
              }
            }));
    values.addDeserializer(
        Boolean.class,
        readingText(
            text -> {
              switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true":
                case "on":
                case "yes":
                  return Boolean.TRUE;
                case "false":
                case "off":
                case "no":
                  return Boolean.FALSE;
                default:
                  throw new IllegalArgumentException("'" + text + "' is not on or off");
              }
            }));
    values.addDeserializer(
        dev.followupbot.core.schedule.WeeklyHours.class,
        new JsonDeserializer<>() {
          @Override
          public dev.followupbot.core.schedule.WeeklyHours deserialize(
              JsonParser p, DeserializationContext ctx) throws IOException {
            try {
              if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                java.util.Map<String, String> byDay = new java.util.LinkedHashMap<>();
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                  String day = p.currentName();
                  p.nextToken();
                  byDay.put(day, p.getValueAsString("closed"));
                }
                return dev.followupbot.core.schedule.WeeklyHours.fromMap(byDay);
              }
              return dev.followupbot.core.schedule.WeeklyHours.parse(p.getValueAsString(""));
            } catch (IllegalArgumentException e) {
              throw JsonMappingException.from(p, e.getMessage());
            }
          }
        });
    values.addKeyDeserializer(
        dev.followupbot.core.domain.Priority.class,
        new com.fasterxml.jackson.databind.KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext ctx) throws IOException {
            return dev.followupbot.core.domain.Priority.fromLabel(key.strip())
                .orElseThrow(
                    () ->
                        JsonMappingException.from(
                            ctx.getParser(),
                            "'" + key + "' is not a priority; use urgent, high, normal or low"));
          }
        });
    values.addDeserializer(
        ZoneId.class,
        new JsonDeserializer<>() {
          @Override
          public ZoneId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString("");
            try {
              return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
              throw JsonMappingException.from(
                  p,
                  "'"
                      + text
                      + "' is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC");
            }
          }
        });
    return values;
  }
}
