package dev.followupbot.core.config;

import dev.followupbot.core.team.TeamSetting;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings {@code admin set} may change, and how a dotted setting and its value become the YAML
 * the configuration file would have for it.
 */
public final class AdminSettings {

  /**
   * Every key admins may set, as written in the file (priority maps take a .priority suffix), in
   * the order of {@link TeamSetting}.
   */
  public static final List<String> KEYS =
      Arrays.stream(TeamSetting.values()).map(TeamSetting::listedKey).toList();

  private AdminSettings() {}

  /** The canonical key for what an admin typed, if it is one they may set. */
  public static Optional<String> canonical(String typed) {
    String k = typed.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    if (k.equals("digest")) {
      k = "digest.team";
    }
    if (k.equals("intake")) {
      k = "intake.mode";
    }
    for (String known : KEYS) {
      if (known.endsWith(TeamSetting.PRIORITY_SUFFIX)) {
        String prefix = known.substring(0, known.length() - "<priority>".length());
        if (k.startsWith(prefix)
            && List.of("urgent", "high", "normal", "low").contains(k.substring(prefix.length()))) {
          return Optional.of(k);
        }
      } else if (known.equals(k)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** {@code unclaimed.nudge_after}, {@code 20m} → "unclaimed:\n nudge_after: \"20m\"\n". */
  static String yaml(String setting, String value) {
    String[] path = setting.split("\\.");
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < path.length; i++) {
      y.append("  ".repeat(i)).append(path[i]).append(':');
      if (i < path.length - 1) {
        y.append('\n');
      }
    }
    String v = value.strip();
    boolean structured = v.startsWith("[") || v.startsWith("{");
    y.append(' ').append(structured ? v : quote(v)).append('\n');
    return y.toString();
  }

  private static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
