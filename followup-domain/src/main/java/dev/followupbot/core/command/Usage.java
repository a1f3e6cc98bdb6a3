package dev.followupbot.core.command;

/** The answers to a mistake in a verb's arguments: what was wrong, then how the verb is written. */
final class Usage {

  private Usage() {}

  static ParseResult invalid(String problem, String verb) {
    String usage = verb == null ? "" : CommandSpec.named(verb).map(s -> " " + s.usage()).orElse("");
    return new ParseResult.Invalid(problem + usage);
  }

  static ParseResult badCase(String token, String verb) {
    return invalid("\"" + token + "\" is not a case number or reference.", verb);
  }

  static ParseResult badTime(WhenParser.Result when, String verb) {
    if (when instanceof WhenParser.Invalid bad) {
      return invalid(bad.problem(), verb);
    }
    return invalid(
        "I couldn't read the time. Try `in 15m`, `tomorrow 9am`, `monday 14:00`, `at 16:30` or `2026-12-01 10:00`.",
        verb);
  }
}
