package dev.followupbot.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person typed in Slack, as the core's grammar reads it. Slack sends text escaped ({@code
 * &amp;}, {@code &lt;}, {@code &gt;}) and with its own markup for mentions, channels and links;
 * only a person's mention ({@code <@U123>}, {@code <@U123|name>}) stays markup, because the grammar
 * uses it to name people. Channels become {@code #name}, except the channel a reminder is for
 * ({@code remind <#C123|support> ...}), which the core posts in by its id. Links become their
 * address, broadcasts plain words, and anything that looks like a mention only after decoding stays
 * a plain name.
 */
final class SlackText {

  private static final Pattern TOKEN = Pattern.compile("<([^<>]*)>");
  private static final Pattern USER = Pattern.compile("@[A-Z0-9]{2,40}(\\|[^<>|]{0,80})?");
  private static final Pattern CHANNEL = Pattern.compile("#[A-Z0-9]{2,40}(\\|[^<>|]{0,80})?");

  /** {@code remind <#C123|support>}: the text before a reminder's channel. */
  private static final Pattern REMIND_CHANNEL =
      Pattern.compile("(?i)\\s*(/?followup\\s+)?remind\\s+");

  private SlackText() {}

  static String toCore(String slackText) {
    if (slackText == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(slackText.length());
    Matcher m = TOKEN.matcher(slackText);
    int last = 0;
    while (m.find()) {
      String before = slackText.substring(last, m.start());
      out.append(plain(before));
      boolean reminderChannel =
          last == 0
              && CHANNEL.matcher(m.group(1)).matches()
              && REMIND_CHANNEL.matcher(before).matches();
      out.append(reminderChannel ? "<" + m.group(1) + ">" : token(m.group(1)));
      last = m.end();
    }
    out.append(plain(slackText.substring(last)));
    return out.toString();
  }

  private static String token(String inner) {
    if (USER.matcher(inner).matches()) {
      return "<" + inner + ">";
    }
    int bar = inner.indexOf('|');
    String target = bar >= 0 ? inner.substring(0, bar) : inner;
    String label = bar >= 0 ? inner.substring(bar + 1) : "";
    if (target.startsWith("#")) {
      return "#" + plain(label.isEmpty() ? target.substring(1) : label);
    }
    if (target.startsWith("!")) {
      // <!here>, <!channel>, <!subteam^S123|@group>: words, never a broadcast.
      return plain(label.isEmpty() ? "@" + target.substring(1) : label);
    }
    return plain(target); // a link: its address
  }

  /** Decodes Slack's three entities; a mention that appears only after decoding is a name. */
  private static String plain(String text) {
    String decoded = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return decoded.replaceAll("<+@", "@");
  }
}
