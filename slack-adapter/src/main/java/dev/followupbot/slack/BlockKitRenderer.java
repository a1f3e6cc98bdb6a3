package dev.followupbot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import dev.followupbot.core.message.Block;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the core's neutral {@link Message} as Block Kit, always inside Slack's limits: at most 50
 * blocks in a message (100 on the Home tab), 3,000 characters of text per section, 10 fields per
 * section, 25 buttons per actions block, 75 characters per button label, 150 per header. Longer
 * content is split into more blocks, and what still does not fit is cut with a note saying so.
 *
 * <p>Every button's {@code value} is the command it runs and its {@code action_id} is {@code
 * followup_<n>}, unique within the message. The plain-text fallback always goes along as the
 * message's {@code text}, for notifications and screen readers. Text from people is escaped, so a
 * subject can never become a link or an {@code @channel}.
 */
public final class BlockKitRenderer {

  public static final int MESSAGE_BLOCKS = 50;
  public static final int HOME_BLOCKS = 100;
  public static final int SECTION_TEXT = 3000;
  public static final int FIELDS_PER_SECTION = 10;
  public static final int FIELD_TEXT = 2000;
  public static final int BUTTONS_PER_ACTIONS = 25;
  public static final int BUTTON_TEXT = 75;
  public static final int BUTTON_VALUE = 2000;
  public static final int HEADER_TEXT = 150;
  public static final int CONTEXT_ELEMENT_TEXT = 3000;
  public static final int FALLBACK_TEXT = 3000;

  /** Buttons are recognised by this prefix when clicked. */
  public static final String ACTION_PREFIX = "followup_";

  /**
   * Link buttons (they open a URL and run no command) are named with this prefix; Slack still tells
   * the app of their clicks, which are only acknowledged.
   */
  public static final String LINK_PREFIX = "followup_link_";

  /** Slack's limit on a button's URL. */
  public static final int BUTTON_URL = 3000;

  static final String SHORTENED =
      "Shortened to fit in Slack. A narrower command, such as `cases mine`, shows the rest.";

  /** A message ready for chat.postMessage, chat.update or a slash command's response. */
  public record Rendered(String text, List<LayoutBlock> blocks) {
    public Rendered {
      blocks = List.copyOf(blocks);
    }
  }

  /** For a message: at most 50 blocks. */
  public Rendered message(Message message) {
    return render(message, MESSAGE_BLOCKS);
  }

  /** The Home tab view: the same blocks, up to 100. */
  public View home(Message message) {
    List<LayoutBlock> blocks = new ArrayList<>(render(message, HOME_BLOCKS).blocks());
    if (blocks.isEmpty()) {
      blocks.add(section(Mrkdwn.escapeWithin(message.fallbackText(), SECTION_TEXT)));
    }
    return View.builder().type("home").blocks(blocks).build();
  }

  private Rendered render(Message message, int maxBlocks) {
    List<LayoutBlock> blocks = new ArrayList<>();
    int[] buttons = {0};
    for (Block block : message.blocks()) {
      blocks.addAll(block.accept(new Visitor(buttons)));
    }
    if (blocks.size() > maxBlocks) {
      blocks = new ArrayList<>(blocks.subList(0, maxBlocks - 1));
      blocks.add(context(List.of(SHORTENED)));
    }
    return new Rendered(Mrkdwn.escapeWithin(message.fallbackText(), FALLBACK_TEXT), blocks);
  }

  /** Turns one neutral block into one or more Block Kit blocks. */
  private static final class Visitor implements Block.Visitor<List<LayoutBlock>> {

    private final int[] buttons;

    Visitor(int[] buttons) {
      this.buttons = buttons;
    }

    @Override
    public List<LayoutBlock> header(Block.Header header) {
      String text = Mrkdwn.truncate(header.text().strip(), HEADER_TEXT);
      if (text.isEmpty()) {
        return List.of();
      }
      return List.of(HeaderBlock.builder().text(plain(text)).build());
    }

    @Override
    public List<LayoutBlock> section(Block.Section section) {
      if (section.text().isBlank()) {
        return List.of();
      }
      List<LayoutBlock> out = new ArrayList<>();
      for (String chunk : Mrkdwn.escapedChunks(section.text(), SECTION_TEXT)) {
        if (!chunk.isBlank()) {
          out.add(BlockKitRenderer.section(chunk));
        }
      }
      return out;
    }

    @Override
    public List<LayoutBlock> facts(Block.Facts facts) {
      List<LayoutBlock> out = new ArrayList<>();
      List<TextObject> fields = new ArrayList<>();
      for (Block.Fact fact : facts.facts()) {
        String label = "*" + Mrkdwn.escapeWithin(fact.label(), 200) + "*\n";
        String value = Mrkdwn.escapeWithin(fact.value(), FIELD_TEXT - label.length());
        fields.add(MarkdownTextObject.builder().text(label + value).build());
        if (fields.size() == FIELDS_PER_SECTION) {
          out.add(SectionBlock.builder().fields(fields).build());
          fields = new ArrayList<>();
        }
      }
      if (!fields.isEmpty()) {
        out.add(SectionBlock.builder().fields(fields).build());
      }
      return out;
    }

    @Override
    public List<LayoutBlock> actions(Block.Actions actions) {
      List<LayoutBlock> out = new ArrayList<>();
      List<BlockElement> elements = new ArrayList<>();
      for (Button button : actions.buttons()) {
        if (button.command().length() > BUTTON_VALUE
            || button.url().length() > BUTTON_URL
            || button.label().isBlank()) {
          continue;
        }
        elements.add(
            button(button, (button.opensLink() ? LINK_PREFIX : ACTION_PREFIX) + buttons[0]++));
        if (elements.size() == BUTTONS_PER_ACTIONS) {
          out.add(ActionsBlock.builder().elements(elements).build());
          elements = new ArrayList<>();
        }
      }
      if (!elements.isEmpty()) {
        out.add(ActionsBlock.builder().elements(elements).build());
      }
      return out;
    }

    @Override
    public List<LayoutBlock> context(Block.Context context) {
      if (context.text().isBlank()) {
        return List.of();
      }
      return List.of(BlockKitRenderer.context(List.of(context.text())));
    }

    @Override
    public List<LayoutBlock> divider(Block.Divider divider) {
      return List.of(DividerBlock.builder().build());
    }
  }

  private static ButtonElement button(Button button, String actionId) {
    ButtonElement.ButtonElementBuilder b =
        ButtonElement.builder()
            .actionId(actionId)
            .text(plain(Mrkdwn.truncate(button.label().strip(), BUTTON_TEXT)));
    if (button.opensLink()) {
      b.url(button.url());
    } else {
      b.value(button.command());
    }
    switch (button.style()) {
      case PRIMARY:
        b.style("primary");
        break;
      case DANGER:
        b.style("danger");
        break;
      case DEFAULT:
      default:
        break;
    }
    return b.build();
  }

  private static SectionBlock section(String mrkdwn) {
    return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
  }

  private static ContextBlock context(List<String> texts) {
    List<ContextBlockElement> elements = new ArrayList<>();
    for (String text : texts) {
      elements.add(
          MarkdownTextObject.builder()
              .text(Mrkdwn.escapeWithin(text, CONTEXT_ELEMENT_TEXT))
              .build());
    }
    return ContextBlock.builder().elements(elements).build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).emoji(true).build();
  }
}
