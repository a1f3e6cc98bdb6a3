package dev.followupbot.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the core's neutral messages as Adaptive Cards 1.5 for Teams. Buttons become {@code
 * Action.Execute} (verb {@value #VERB}, data {@code {"command": …}}) with an {@code Action.Submit}
 * fallback carrying the same data, so a click runs the button's command whichever way the client
 * sends it. A card stays under {@value #MAX_BYTES} bytes (Teams refuses messages over about 100
 * KB): long texts are shortened until it fits.
 */
public final class AdaptiveCardRenderer {

  public static final String VERB = "followup";
  public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  static final int MAX_BYTES = 80_000;

  /** Teams shows about six actions in a row; more are split into further rows. */
  static final int ACTIONS_PER_ROW = 5;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern MENTION = TeamsText.MENTION;

  /** The card for a message. */
  public ObjectNode card(Message message) {
    ObjectNode card = render(message, Integer.MAX_VALUE);
    for (int limit : new int[] {4000, 1000, 200}) {
      if (size(card) <= MAX_BYTES) {
        return card;
      }
      card = render(message, limit);
    }
    if (size(card) <= MAX_BYTES) {
      return card;
    }
    return render(Message.text(shorten(message.fallbackText(), 2000)), Integer.MAX_VALUE);
  }

  /**
   * Whether a message is plain text (paragraphs only), which Teams shows better as a text message
   * than as a card.
   */
  public static boolean isPlainText(Message message) {
    return message.blocks().stream().allMatch(b -> b instanceof Block.Section);
  }

  /** The text of a plain message, paragraphs separated by blank lines. */
  public static String plainText(Message message) {
    if (message.blocks().isEmpty()) {
      return inert(atNames(message.fallbackText()));
    }
    StringBuilder s = new StringBuilder();
    for (Block b : message.blocks()) {
      s.append(s.length() == 0 ? "" : "\n\n").append(((Block.Section) b).text());
    }
    return inert(atNames(s.toString()));
  }

  private ObjectNode render(Message message, int maxText) {
    ObjectNode card = JSON.objectNode();
    card.put("type", "AdaptiveCard");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("version", "1.5");
    card.put("fallbackText", shorten(message.fallbackText(), 1000));
    ArrayNode body = card.putArray("body");
    boolean[] separatorNext = {false};
    for (Block block : message.blocks()) {
      int before = body.size();
      block.accept(new Elements(body, maxText));
      if (block instanceof Block.Divider) {
        separatorNext[0] = true;
      } else if (separatorNext[0] && body.size() > before) {
        ((ObjectNode) body.get(before)).put("separator", true);
        separatorNext[0] = false;
      }
    }
    if (body.isEmpty()) {
      body.add(text(message.fallbackText(), maxText, TeamsText.Style.BODY));
    }
    mentions(card, body);
    card.put("fallbackText", inert(atNames(card.path("fallbackText").asText())));
    return card;
  }

  /**
   * Turns the core's mentions into Teams mentions: {@code <at>Name</at>} in text blocks, each
   * declared in {@code msteams.entities} so Teams notifies the person. Where Teams has no mentions
   * (fact values, fallback text) they read as @Name.
   */
  private static void mentions(ObjectNode card, ArrayNode body) {
    java.util.Map<String, String> people = new java.util.LinkedHashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode element : body) {
      ObjectNode e = (ObjectNode) element;
      if (e.has("text")) {
        Matcher m = MENTION.matcher(e.get("text").asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          String name = m.group(2) == null ? m.group(1) : m.group(2);
          people.putIfAbsent(m.group(1), name);
          m.appendReplacement(
              out, Matcher.quoteReplacement("<at>" + people.get(m.group(1)) + "</at>"));
        }
        m.appendTail(out);
        e.put("text", out.toString());
      }
      if (e.has("facts")) {
        for (com.fasterxml.jackson.databind.JsonNode fact : e.get("facts")) {
          ((ObjectNode) fact).put("value", atNames(fact.path("value").asText()));
        }
      }
    }
    if (people.isEmpty()) {
      return;
    }
    ArrayNode entities = card.putObject("msteams").putArray("entities");
    people.forEach(
        (id, name) -> {
          ObjectNode mention = entities.addObject();
          mention.put("type", "mention");
          mention.put("text", "<at>" + name + "</at>");
          ObjectNode who = mention.putObject("mentioned");
          who.put("id", id);
          who.put("name", name);
        });
  }

  /** Mentions as plain @Name, for places without mentions. */
  static String atNames(String text) {
    return MENTION
        .matcher(text)
        .replaceAll(
            m -> Matcher.quoteReplacement("@" + (m.group(2) == null ? m.group(1) : m.group(2))));
  }

  /** Adds the elements for one block to the card body. */
  private static final class Elements implements Block.Visitor<Void> {
    private final ArrayNode body;
    private final int maxText;

    Elements(ArrayNode body, int maxText) {
      this.body = body;
      this.maxText = maxText;
    }

    @Override
    public Void header(Block.Header header) {
      body.add(text(header.text(), maxText, TeamsText.Style.HEADER));
      return null;
    }

    @Override
    public Void section(Block.Section section) {
      // One TextBlock per line: Adaptive Card markdown would join single line breaks.
      String[] lines = shorten(section.text(), maxText).split("\n");
      for (int i = 0; i < lines.length; i++) {
        ObjectNode t =
            text(lines[i].isEmpty() ? " " : lines[i], Integer.MAX_VALUE, TeamsText.Style.BODY);
        if (i > 0) {
          t.put("spacing", "None");
        }
        body.add(t);
      }
      return null;
    }

    @Override
    public Void facts(Block.Facts facts) {
      ObjectNode set = JSON.objectNode();
      set.put("type", "FactSet");
      ArrayNode list = set.putArray("facts");
      for (Block.Fact f : facts.facts()) {
        ObjectNode fact = list.addObject();
        fact.put("title", f.label());
        fact.put("value", TeamsText.cardMarkdown(inert(shorten(f.value(), maxText))));
      }
      body.add(set);
      return null;
    }

    @Override
    public Void actions(Block.Actions actions) {
      List<Button> buttons = actions.buttons();
      for (int from = 0; from < buttons.size(); from += ACTIONS_PER_ROW) {
        ObjectNode set = JSON.objectNode();
        set.put("type", "ActionSet");
        if (from > 0) {
          set.put("spacing", "Small");
        }
        ArrayNode list = set.putArray("actions");
        for (Button b : buttons.subList(from, Math.min(buttons.size(), from + ACTIONS_PER_ROW))) {
          list.add(execute(b));
        }
        body.add(set);
      }
      return null;
    }

    @Override
    public Void context(Block.Context context) {
      body.add(text(context.text(), maxText, TeamsText.Style.CONTEXT));
      return null;
    }

    @Override
    public Void divider(Block.Divider divider) {
      return null;
    }
  }

  private static ObjectNode execute(Button b) {
    if (b.opensLink()) {
      ObjectNode open = JSON.objectNode();
      open.put("type", "Action.OpenUrl");
      open.put("title", b.label());
      open.put("url", b.url());
      return open;
    }
    ObjectNode action = JSON.objectNode();
    action.put("type", "Action.Execute");
    action.put("title", b.label());
    action.put("verb", VERB);
    action.set("data", data(b));
    String style = style(b.style());
    if (style != null) {
      action.put("style", style);
    }
    ObjectNode submit = JSON.objectNode();
    submit.put("type", "Action.Submit");
    submit.put("title", b.label());
    submit.set("data", data(b));
    if (style != null) {
      submit.put("style", style);
    }
    action.set("fallback", submit);
    return action;
  }

  private static ObjectNode data(Button b) {
    ObjectNode data = JSON.objectNode();
    data.put("command", b.command());
    return data;
  }

  private static String style(Button.Style style) {
    switch (style) {
      case PRIMARY:
        return "positive";
      case DANGER:
        return "destructive";
      case DEFAULT:
      default:
        return null;
    }
  }

  private static ObjectNode text(String text, int maxText, TeamsText.Style style) {
    return TeamsText.cardElement(inert(shorten(text, maxText)), style);
  }

  /**
   * Text from people (subjects, customers, notes) as text only: Teams markdown would turn {@code
   * [label](https://…)} into a disguised link sent by the bot, so the link syntax is broken with an
   * invisible space.
   */
  static String inert(String text) {
    return text.replace("](", "]\u200B(");
  }

  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }

  static int size(ObjectNode card) {
    return card.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
