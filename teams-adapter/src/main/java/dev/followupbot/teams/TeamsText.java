package dev.followupbot.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core's text ({@code `backticks`} mark commands, {@code <case>} marks a placeholder) written
 * for what each Teams surface shows. Microsoft documents that Teams renders a subset of Markdown
 * and HTML in message text and only Markdown, no HTML, in Adaptive Card TextBlocks; in practice a
 * {@code <word>} is taken for a tag and vanishes, and inside a Markdown code span Teams escapes it
 * a second time, so {@code &lt;when&gt;} shows. Hence:
 *
 * <ul>
 *   <li>message text: {@code &}, {@code <} and {@code >} as entities, and commands as HTML {@code
 *       <code>} elements rather than Markdown code spans, so the entities inside are read once;
 *   <li>card text: a {@code RichTextBlock}, whose {@code TextRun}s are shown as written (no
 *       Markdown, no HTML), with commands in a monospace run; a line that mentions someone must be
 *       a TextBlock (mentions work only there), so its commands are bold and its angle brackets are
 *       shown as ‹ and ›;
 *   <li>plain strings (an invoke's message, a notification summary): commands in quotes.
 * </ul>
 */
final class TeamsText {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

  /** The core's mention of a person: {@code <@id|Name>} or {@code <@id>}. */
  static final Pattern MENTION = Pattern.compile("<@([^|>\\s]+)(?:\\|([^>]+))?>");

  /** How a piece of card text looks. */
  enum Style {
    BODY,
    HEADER,
    CONTEXT
  }

  private TeamsText() {}

  /** Message text (Markdown): shows every character as written, commands as code. */
  static String message(String text) {
    Matcher m = CODE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(escape(text.substring(last, m.start())))
          .append("<code>")
          .append(escape(m.group(1)))
          .append("</code>");
      last = m.end();
    }
    return out.append(escape(text.substring(last))).toString();
  }

  /** A plain string: commands in quotes instead of backticks. */
  static String plain(String text) {
    return CODE.matcher(text).replaceAll(r -> Matcher.quoteReplacement("“" + r.group(1) + "”"));
  }

  /** One line of card text as the card element that shows it as written. */
  static ObjectNode cardElement(String line, Style style) {
    if (MENTION.matcher(line).find()) {
      return textBlock(line, style);
    }
    if (!CODE.matcher(line).find() && line.indexOf('<') < 0 && line.indexOf('>') < 0) {
      return textBlock(line, style);
    }
    ObjectNode block = JSON.objectNode();
    block.put("type", "RichTextBlock");
    ArrayNode inlines = block.putArray("inlines");
    Matcher m = CODE.matcher(line);
    int last = 0;
    while (m.find()) {
      run(inlines, line.substring(last, m.start()), style, false);
      run(inlines, m.group(1), style, true);
      last = m.end();
    }
    run(inlines, line.substring(last), style, false);
    return block;
  }

  private static void run(ArrayNode inlines, String text, Style style, boolean code) {
    if (text.isEmpty()) {
      return;
    }
    ObjectNode run = inlines.addObject();
    run.put("type", "TextRun");
    run.put("text", text);
    if (code) {
      run.put("fontType", "Monospace");
    }
    switch (style) {
      case HEADER:
        run.put("size", "Medium");
        run.put("weight", "Bolder");
        break;
      case CONTEXT:
        run.put("isSubtle", true);
        run.put("size", "Small");
        break;
      case BODY:
      default:
        break;
    }
  }

  /** A Markdown TextBlock: commands bold, angle brackets outside mentions as ‹ and ›. */
  private static ObjectNode textBlock(String line, Style style) {
    ObjectNode t = JSON.objectNode();
    t.put("type", "TextBlock");
    t.put("text", bold(outsideMentions(line)));
    t.put("wrap", true);
    switch (style) {
      case HEADER:
        t.put("size", "Medium");
        t.put("weight", "Bolder");
        t.put("style", "heading");
        break;
      case CONTEXT:
        t.put("isSubtle", true);
        t.put("size", "Small");
        break;
      case BODY:
      default:
        break;
    }
    return t;
  }

  /** Card Markdown (fact values, mention lines): commands bold, no tag-like angle brackets. */
  static String cardMarkdown(String text) {
    return bold(outsideMentions(text));
  }

  private static String bold(String text) {
    return CODE.matcher(text).replaceAll(r -> Matcher.quoteReplacement("**" + r.group(1) + "**"));
  }

  private static String outsideMentions(String text) {
    Matcher m = MENTION.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(guillemets(text.substring(last, m.start()))).append(m.group());
      last = m.end();
    }
    return out.append(guillemets(text.substring(last))).toString();
  }

  private static String guillemets(String text) {
    return text.replace('<', '‹').replace('>', '›');
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
