package dev.followupbot.core.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person named in a command. Platforms that resolve mentions ({@code <@U123>} in Slack, and the
 * Teams adapter which rewrites its mentions the same way) give an id; the console gives a name.
 */
public record UserMention(Optional<String> userId, Optional<String> name) {

  private static final Pattern PLATFORM_MENTION =
      Pattern.compile("<@([A-Za-z0-9_:.-]+)(?:\\|([^>]*))?>");
  private static final Pattern NAME = Pattern.compile("@([\\p{L}\\p{N}._'-]{1,80})");

  public static Optional<UserMention> parse(String token) {
    Matcher platform = PLATFORM_MENTION.matcher(token);
    if (platform.matches()) {
      return Optional.of(
          new UserMention(Optional.of(platform.group(1)), Optional.ofNullable(platform.group(2))));
    }
    Matcher name = NAME.matcher(token);
    if (name.matches()) {
      return Optional.of(new UserMention(Optional.empty(), Optional.of(name.group(1))));
    }
    return Optional.empty();
  }

  public String display() {
    return "@" + name.orElseGet(() -> userId.orElse("?"));
  }
}
