package dev.followupbot.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Mention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what a person typed in Teams into the shared command grammar: the bot's own mention ({@code
 * <at>Followup</at>}, needed in channels) is removed, other people's mentions become {@code
 * <@id|Name>} as the core expects, and the HTML Teams may add is reduced to text.
 */
final class TeamsMentions {

  /** A person mentioned in a message: their Teams user id and display name. */
  record Mentioned(String id, String name) {}

  /** The command text and the people it mentions. */
  record Command(String text, List<Mentioned> people) {}

  private TeamsMentions() {}

  static Command read(Activity activity) {
    String text = activity.getText() == null ? "" : activity.getText();
    String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
    List<Mentioned> people = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    List<Mention> mentions;
    try {
      mentions = activity.getMentions();
    } catch (RuntimeException e) {
      mentions = List.of();
    }
    for (Mention m : mentions == null ? List.<Mention>of() : mentions) {
      ChannelAccount who = m.getMentioned();
      String shown = m.getText();
      if (who == null || who.getId() == null || shown == null || !text.contains(shown)) {
        continue;
      }
      String replacement;
      if (Objects.equals(who.getId(), botId)) {
        replacement = "";
      } else {
        String name = displayName(who, shown);
        people.add(new Mentioned(who.getId(), name));
        replacement = "<@" + who.getId() + "|" + name.replace(">", "").replace("|", "") + ">";
      }
      // Placeholders keep the mentions out of the HTML clean-up below.
      text = text.replace(shown, "\u0000" + replacements.size() + "\u0000");
      replacements.add(replacement);
    }
    // Only Teams' own mention entities may name people by id; a typed "<@id|…>" is just a name.
    text = plain(text).replaceAll("<+@", "@");
    for (int i = 0; i < replacements.size(); i++) {
      text = text.replace("\u0000" + i + "\u0000", replacements.get(i));
    }
    return new Command(text.replaceAll("[ \\t\\u00a0]+", " ").strip(), people);
  }

  private static String displayName(ChannelAccount who, String shown) {
    if (who.getName() != null && !who.getName().isBlank()) {
      return who.getName().strip();
    }
    return plain(shown).strip();
  }

  /** Drops tags and decodes the entities Teams uses in message text. */
  static String plain(String html) {
    String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>", "\n");
    s = s.replaceAll("<[^>]*>", "");
    return s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
