package dev.followupbot.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.TextFormatTypes;
import dev.followupbot.core.message.Message;
import java.util.List;

/**
 * Outbound Teams activities for neutral messages: plain paragraphs as a markdown text message
 * (their notification shows the text), anything richer as an Adaptive Card whose summary is the
 * message's fallback text.
 */
final class TeamsActivities {

  private final AdaptiveCardRenderer renderer;

  TeamsActivities(AdaptiveCardRenderer renderer) {
    this.renderer = renderer;
  }

  Activity message(Message message) {
    Activity activity = new Activity(ActivityTypes.MESSAGE);
    if (AdaptiveCardRenderer.isPlainText(message)) {
      activity.setTextFormat(TextFormatTypes.MARKDOWN);
      activity.setText(TeamsText.message(AdaptiveCardRenderer.plainText(message)));
      return activity;
    }
    activity.setSummary(
        AdaptiveCardRenderer.shorten(
            TeamsText.plain(AdaptiveCardRenderer.atNames(message.fallbackText())), 200));
    activity.setAttachments(List.of(attachment(message)));
    return activity;
  }

  /** A card message, also for plain text: what an update of a card must be. */
  Activity card(Message message) {
    Activity activity = new Activity(ActivityTypes.MESSAGE);
    activity.setSummary(
        AdaptiveCardRenderer.shorten(
            TeamsText.plain(AdaptiveCardRenderer.atNames(message.fallbackText())), 200));
    activity.setAttachments(List.of(attachment(message)));
    return activity;
  }

  Attachment attachment(Message message) {
    Attachment attachment = new Attachment();
    attachment.setContentType(AdaptiveCardRenderer.CONTENT_TYPE);
    attachment.setContent(renderer.card(message));
    return attachment;
  }
}
