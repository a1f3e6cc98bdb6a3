package dev.followupbot.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.service.MessageReminder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "Remind me about this" modal: its view, a time an hour ahead and a note from the message's
 * first line, and what a submission asks for. The message travels in {@code private_metadata},
 * sealed with an HMAC of the signing secret (under a key of its own, so the "Open a case" form's
 * metadata does not open this one), so a submission names only a message this bot offered the form
 * for, in this workspace.
 */
final class RemindModal {

  static final String SHORTCUT = "followup_remind_me";
  static final String CALLBACK = "followup_remind_me_submit";
  static final String WHEN = "when";
  static final String NOTE = "note";
  static final String VALUE = "value";

  /** How far ahead the time starts: an hour, rounded up to the next quarter hour. */
  static final Duration AHEAD = Duration.ofHours(1);

  private static final Duration ROUND_TO = Duration.ofMinutes(15);

  /**
   * The message a form is about: its workspace, channel, ts, the thread it is in (empty for a
   * top-level message) and its link.
   */
  record About(String team, String channel, String ts, String thread, String link) {}

  private final byte[] key;

  RemindModal(String signingSecret) {
    this.key = ("followup-remind-modal:" + signingSecret).getBytes(StandardCharsets.UTF_8);
  }

  /** The time the form starts at, for a form opened at {@code now}. */
  static Instant defaultWhen(Instant now) {
    Instant ahead = now.plus(AHEAD).truncatedTo(ChronoUnit.MINUTES);
    long step = ROUND_TO.toSeconds();
    long seconds = ahead.getEpochSecond();
    long rounded = (seconds + step - 1) / step * step;
    return Instant.ofEpochSecond(rounded);
  }

  /** The modal for {@code about}, due at {@code when} with {@code note}. */
  String view(About about, Instant when, String note) {
    JsonObject view = new JsonObject();
    view.addProperty("type", "modal");
    view.addProperty("callback_id", CALLBACK);
    view.add("title", text("Remind me about this"));
    view.add("submit", text("Remind me"));
    view.add("close", text("Cancel"));
    // Slack then tells us of a form closed unsent (view_closed), which is acknowledged only.
    view.addProperty("notify_on_close", true);
    view.addProperty("private_metadata", seal(about));
    JsonArray blocks = new JsonArray();
    JsonObject picker = new JsonObject();
    picker.addProperty("type", "datetimepicker");
    picker.addProperty("action_id", VALUE);
    picker.addProperty("initial_date_time", when.getEpochSecond());
    blocks.add(input(WHEN, "When", picker, false));
    JsonObject input = new JsonObject();
    input.addProperty("type", "plain_text_input");
    input.addProperty("action_id", VALUE);
    input.addProperty("max_length", Reminder.MAX_NOTE);
    if (!note.isBlank()) {
      input.addProperty("initial_value", note);
    }
    blocks.add(input(NOTE, "Note", input, true));
    JsonObject context = new JsonObject();
    context.addProperty("type", "context");
    JsonArray elements = new JsonArray();
    elements.add(text("I'll send you a direct message then, with a link to the message."));
    context.add("elements", elements);
    blocks.add(context);
    view.add("blocks", blocks);
    return view.toString();
  }

  /** The message a submitted view is about, if its seal holds and it is this workspace's. */
  Optional<About> about(View view, String team) {
    String sealed = view == null ? null : view.getPrivateMetadata();
    if (sealed == null || sealed.length() > 3000) {
      return Optional.empty();
    }
    try {
      JsonObject o = JsonParser.parseString(sealed).getAsJsonObject();
      About about =
          new About(
              o.get("team").getAsString(),
              o.get("channel").getAsString(),
              o.get("ts").getAsString(),
              o.get("thread").getAsString(),
              o.get("link").getAsString());
      byte[] given = HexFormat.of().parseHex(o.get("seal").getAsString());
      if (!MessageDigest.isEqual(given, mac(about)) || !about.team().equals(team)) {
        return Optional.empty();
      }
      return Optional.of(about);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The time picked, if one was. */
  static Optional<Instant> when(View view) {
    return value(view, WHEN)
        .map(ViewState.Value::getSelectedDateTime)
        .map(seconds -> Instant.ofEpochSecond(seconds.longValue()));
  }

  /** The request a submission makes about {@code about}, due at {@code when}. */
  static MessageReminder request(About about, Instant when, View view) {
    return new MessageReminder(
        about.channel(),
        about.ts(),
        Optional.of(about.thread()),
        Optional.of(about.link()),
        when,
        value(view, NOTE).map(ViewState.Value::getValue));
  }

  /** The block a field's error shows under. */
  static String block(MessageReminder.Field field) {
    return field.name().toLowerCase(Locale.ROOT);
  }

  private static Optional<ViewState.Value> value(View view, String block) {
    Map<String, Map<String, ViewState.Value>> values =
        view.getState() == null || view.getState().getValues() == null
            ? Map.of()
            : view.getState().getValues();
    Map<String, ViewState.Value> b = values.get(block);
    return b == null ? Optional.empty() : Optional.ofNullable(b.get(VALUE));
  }

  private String seal(About about) {
    JsonObject o = new JsonObject();
    o.addProperty("team", about.team());
    o.addProperty("channel", about.channel());
    o.addProperty("ts", about.ts());
    o.addProperty("thread", about.thread());
    o.addProperty("link", about.link());
    o.addProperty("seal", HexFormat.of().formatHex(mac(about)));
    return o.toString();
  }

  private byte[] mac(About about) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String text =
          String.join(
              "\n", about.team(), about.channel(), about.ts(), about.thread(), about.link());
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static JsonObject input(
      String block, String label, JsonObject element, boolean optional) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "input");
    o.addProperty("block_id", block);
    o.add("label", text(label));
    o.add("element", element);
    o.addProperty("optional", optional);
    return o;
  }

  private static JsonObject text(String s) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "plain_text");
    o.addProperty("text", s);
    return o;
  }
}
