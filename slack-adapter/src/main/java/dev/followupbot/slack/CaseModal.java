package dev.followupbot.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.service.CaseForm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "Open a case" modal: its view, prefilled from the message, and what a submission says. The
 * message it is about travels in {@code private_metadata}, sealed with an HMAC of the signing
 * secret, so a submission names only a message this bot offered the form for, in this workspace.
 */
final class CaseModal {

  static final String SHORTCUT = "followup_open_case";
  static final String CALLBACK = "followup_new_case";
  static final String SUBJECT = "subject";
  static final String CUSTOMER = "customer";
  static final String PRIORITY = "priority";
  static final String OWNER = "owner";
  static final String VALUE = "value";

  /** The message a form is about: where it is and who wrote it. */
  record About(String team, String channel, String ts, String requester) {}

  private final byte[] key;

  CaseModal(String signingSecret) {
    this.key = ("followup-case-modal:" + signingSecret).getBytes(StandardCharsets.UTF_8);
  }

  /** The modal for {@code about}, its subject and customer prefilled, owned by {@code invoker}. */
  String view(About about, String subject, String customer, String invoker) {
    JsonObject view = new JsonObject();
    view.addProperty("type", "modal");
    view.addProperty("callback_id", CALLBACK);
    view.add("title", text("Open a case"));
    view.add("submit", text("Open"));
    view.add("close", text("Cancel"));
    // Slack then tells us of a form closed unsent (view_closed), which is acknowledged only.
    view.addProperty("notify_on_close", true);
    view.addProperty("private_metadata", seal(about));
    JsonArray blocks = new JsonArray();
    blocks.add(input(SUBJECT, "Subject", plainText(subject, CaseForm.MAX_SUBJECT), false));
    blocks.add(input(CUSTOMER, "Customer", plainText(customer, 200), true));
    JsonObject select = new JsonObject();
    select.addProperty("type", "static_select");
    select.addProperty("action_id", VALUE);
    JsonArray options = new JsonArray();
    for (Priority p : Priority.values()) {
      options.add(option(p));
    }
    select.add("options", options);
    select.add("initial_option", option(Priority.NORMAL));
    blocks.add(input(PRIORITY, "Priority", select, false));
    JsonObject owner = new JsonObject();
    owner.addProperty("type", "users_select");
    owner.addProperty("action_id", VALUE);
    owner.addProperty("initial_user", invoker);
    blocks.add(input(OWNER, "Owner", owner, true));
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
              o.get("requester").getAsString());
      byte[] given = HexFormat.of().parseHex(o.get("seal").getAsString());
      if (!MessageDigest.isEqual(given, mac(about)) || !about.team().equals(team)) {
        return Optional.empty();
      }
      return Optional.of(about);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What the person filled in. */
  static CaseForm form(View view) {
    Map<String, Map<String, ViewState.Value>> values =
        view.getState() == null || view.getState().getValues() == null
            ? Map.of()
            : view.getState().getValues();
    Optional<ViewState.Value> subject = value(values, SUBJECT);
    Optional<ViewState.Value> customer = value(values, CUSTOMER);
    Optional<Priority> priority =
        value(values, PRIORITY)
            .map(ViewState.Value::getSelectedOption)
            .map(o -> o.getValue())
            .flatMap(Priority::fromLabel);
    Optional<String> owner = value(values, OWNER).map(ViewState.Value::getSelectedUser);
    return new CaseForm(
        subject.map(ViewState.Value::getValue).orElse(""),
        customer.map(ViewState.Value::getValue),
        priority,
        owner);
  }

  /** The block a field's error shows under. */
  static String block(CaseForm.Field field) {
    return field.name().toLowerCase(Locale.ROOT);
  }

  private static Optional<ViewState.Value> value(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    Map<String, ViewState.Value> b = values.get(block);
    return b == null ? Optional.empty() : Optional.ofNullable(b.get(VALUE));
  }

  private String seal(About about) {
    JsonObject o = new JsonObject();
    o.addProperty("team", about.team());
    o.addProperty("channel", about.channel());
    o.addProperty("ts", about.ts());
    o.addProperty("requester", about.requester());
    o.addProperty("seal", HexFormat.of().formatHex(mac(about)));
    return o.toString();
  }

  private byte[] mac(About about) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String text =
          about.team() + "\n" + about.channel() + "\n" + about.ts() + "\n" + about.requester();
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

  private static JsonObject plainText(String initial, int max) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "plain_text_input");
    o.addProperty("action_id", VALUE);
    o.addProperty("max_length", max);
    if (initial != null && !initial.isBlank()) {
      o.addProperty("initial_value", initial.length() > max ? initial.substring(0, max) : initial);
    }
    return o;
  }

  private static JsonObject option(Priority p) {
    JsonObject o = new JsonObject();
    o.add("text", text(p.label()));
    o.addProperty("value", p.label());
    return o;
  }

  private static JsonObject text(String s) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "plain_text");
    o.addProperty("text", s);
    return o;
  }
}
