package dev.followupbot.core.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A channel named in a command. Slack links the channels a person mentions ({@code
 * <#C123|support>}), which gives its id; elsewhere (Teams, the console) only the name typed is
 * known, and the channel the command was typed in stands for it.
 */
public record ChannelMention(Optional<String> channelId, String name) {

  private static final Pattern PLATFORM = Pattern.compile("<#([A-Za-z0-9]{1,40})(?:\\|([^>]*))?>");
  private static final Pattern NAME = Pattern.compile("#(\\p{L}[\\p{L}\\p{N}_.-]{0,79})");

  public static Optional<ChannelMention> parse(String token) {
    Matcher platform = PLATFORM.matcher(token);
    if (platform.matches()) {
      String name = platform.group(2) == null ? "" : platform.group(2).strip();
      return Optional.of(
          new ChannelMention(
              Optional.of(platform.group(1)), name.isEmpty() ? platform.group(1) : name));
    }
    Matcher name = NAME.matcher(token);
    if (name.matches()) {
      return Optional.of(new ChannelMention(Optional.empty(), name.group(1)));
    }
    return Optional.empty();
  }

  /** "#support". */
  public String display() {
    return "#" + name;
  }

  /** How a command typed again (a button's) names this channel. */
  String token() {
    return channelId.map(id -> "<#" + id + "|" + name + ">").orElse("#" + name);
  }
}
