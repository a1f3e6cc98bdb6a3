package dev.followupbot.core.team;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a team's channels turn conversations into cases: the mode per channel, how long a requester's
 * follow-up messages join their case, whether the first team member to reply takes the case, how
 * long a resolved case reopens when its requester writes again, the pleasantries that change
 * nothing, and the reactions that open, claim and resolve.
 */
public record Intake(
    IntakeMode mode,
    Map<String, IntakeMode> channels,
    Duration groupWindow,
    boolean firstResponderClaims,
    Duration reopenWithin,
    List<String> pleasantries,
    Reactions reactions) {

  /** The reaction names (without colons) that act on a case. */
  public record Reactions(String open, String claim, String resolve) {
    public Reactions {
      open = bare(open);
      claim = bare(claim);
      resolve = bare(resolve);
    }

    private static String bare(String name) {
      Objects.requireNonNull(name, "reaction");
      String n = name.strip();
      return n.length() > 1 && n.startsWith(":") && n.endsWith(":")
          ? n.substring(1, n.length() - 1)
          : n;
    }
  }

  /** A pleasantry is short: at most this many words. */
  public static final int PLEASANTRY_WORDS = 4;

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]");
  private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+'-]+:");

  public Intake {
    Objects.requireNonNull(mode, "mode");
    channels = Map.copyOf(channels);
    Objects.requireNonNull(groupWindow, "groupWindow");
    Objects.requireNonNull(reopenWithin, "reopenWithin");
    pleasantries =
        pleasantries.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    Objects.requireNonNull(reactions, "reactions");
  }

  /** The mode in one channel: its own override, else the team's. */
  public IntakeMode modeIn(String channelId) {
    return channels.getOrDefault(channelId, mode);
  }

  /**
   * Whether a message is only a pleasantry ("thanks!", "ok 👍", "great, thank you"): no question,
   * at most {@value #PLEASANTRY_WORDS} words, each part of a listed phrase. Emoji and punctuation
   * are not words, so a message of only emoji is a pleasantry too.
   */
  public boolean isPleasantry(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
    if (t.contains("?")) {
      return false;
    }
    String words = NOT_WORD.matcher(SHORTCODE.matcher(t).replaceAll(" ")).replaceAll(" ").strip();
    if (words.isEmpty()) {
      return true;
    }
    if (words.split("\\s+").length > PLEASANTRY_WORDS) {
      return false;
    }
    String rest = " " + String.join(" ", words.split("\\s+")) + " ";
    for (String p : pleasantries) {
      String phrase = NOT_WORD.matcher(p).replaceAll(" ").strip();
      if (!phrase.isEmpty()) {
        String spaced = " " + String.join(" ", phrase.split("\\s+")) + " ";
        while (rest.contains(spaced)) {
          rest = rest.replace(spaced, " ");
        }
      }
    }
    return rest.isBlank();
  }
}
