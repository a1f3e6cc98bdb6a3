package dev.followupbot.core.command;

import dev.followupbot.core.when.WhenContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How {@code admin}, and the verbs about oneself ({@code digest}, {@code help}), read words. */
final class AdminGrammar {

  private static final String ADMIN_USAGE =
      " Admin commands: `admin show [team]`, `admin set <team> <setting> <value>`,"
          + " `admin unset <team> <setting>`, `admin hours <team> mon-fri 09:00-17:00 [zone]`,"
          + " `admin holiday <team> [remove] 2026-12-25`, `admin reload`.";

  private AdminGrammar() {}

  static ParseResult help(String verb, List<Token> args, WhenContext when) {
    return new ParseResult.Parsed(
        new Command.Help(
            args.isEmpty()
                ? Optional.empty()
                : Optional.of(args.get(0).text().toLowerCase(Locale.ROOT))));
  }

  static ParseResult digest(String verb, List<Token> args, WhenContext when) {
    String word = args.isEmpty() ? "" : args.get(0).text().toLowerCase(Locale.ROOT);
    if (word.equals("on") || word.equals("off")) {
      return new ParseResult.Parsed(new Command.Digest(word.equals("on")));
    }
    return Usage.invalid("Say `digest on` or `digest off`.", verb);
  }

  static ParseResult admin(String verb, List<Token> args, WhenContext when) {
    String sub = args.isEmpty() ? "" : args.get(0).text().toLowerCase(Locale.ROOT);
    List<Token> rest = args.isEmpty() ? args : args.subList(1, args.size());
    switch (sub) {
      case "show":
        return new ParseResult.Parsed(
            new Command.AdminShow(
                rest.isEmpty() ? Optional.empty() : Optional.of(rest.get(0).text())));
      case "reload":
        return new ParseResult.Parsed(new Command.AdminReload());
      case "set":
        if (rest.size() < 3) {
          return new ParseResult.Invalid(
              "Say the team, the setting and its value, e.g. `admin set billing unclaimed.nudge_after 20m`."
                  + ADMIN_USAGE);
        }
        return new ParseResult.Parsed(
            new Command.AdminSet(
                rest.get(0).text(), rest.get(1).text(), Token.join(rest.subList(2, rest.size()))));
      case "unset":
        if (rest.size() != 2) {
          return new ParseResult.Invalid(
              "Say the team and the setting, e.g. `admin unset billing unclaimed.nudge_after`."
                  + ADMIN_USAGE);
        }
        return new ParseResult.Parsed(
            new Command.AdminUnset(rest.get(0).text(), rest.get(1).text()));
      case "hours":
        return hours(rest);
      case "holiday":
        return holiday(rest);
      default:
        return new ParseResult.Invalid(
            (sub.isEmpty() ? "Which admin command?" : "I don't know `admin " + sub + "`.")
                + ADMIN_USAGE);
    }
  }

  private static ParseResult hours(List<Token> rest) {
    if (rest.size() < 3) {
      return new ParseResult.Invalid(
          "Say the team and its hours, e.g. `admin hours billing mon-fri 09:00-17:00 Europe/Berlin`."
              + ADMIN_USAGE);
    }
    List<Token> spec = rest.subList(1, rest.size());
    String last = spec.get(spec.size() - 1).text();
    boolean hasZone = last.contains("/") || last.equalsIgnoreCase("UTC");
    String hours = Token.join(hasZone ? spec.subList(0, spec.size() - 1) : spec);
    return new ParseResult.Parsed(
        new Command.AdminHours(
            rest.get(0).text(), hours, hasZone ? Optional.of(last) : Optional.empty()));
  }

  private static ParseResult holiday(List<Token> rest) {
    if (rest.size() < 2) {
      return new ParseResult.Invalid(
          "Say the team and the date, e.g. `admin holiday billing 2026-12-25`." + ADMIN_USAGE);
    }
    boolean remove = rest.get(1).text().equalsIgnoreCase("remove");
    String date = rest.get(remove && rest.size() > 2 ? 2 : 1).text();
    if (remove && rest.size() < 3) {
      return new ParseResult.Invalid(
          "Say which date to remove, e.g. `admin holiday billing remove 2026-12-25`.");
    }
    try {
      return new ParseResult.Parsed(
          new Command.AdminHoliday(rest.get(0).text(), LocalDate.parse(date), remove));
    } catch (DateTimeParseException e) {
      return new ParseResult.Invalid(
          "\"" + date + "\" is not a date; write it like 2026-12-25." + ADMIN_USAGE);
    }
  }
}
