package dev.followupbot.core.command;

import static dev.followupbot.core.command.Usage.invalid;

import dev.followupbot.core.when.WhenContext;
import dev.followupbot.core.when.WhenGrammar;
import dev.followupbot.core.when.WhenReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How {@code snooze} and {@code wait} read their one time: a length first ({@code 20m}, {@code
 * 1h}), then the remind grammar over all the words left, so they know the same phrases as {@code
 * remind} and never guess a time with two readings; it is offered both ways instead. Only what that
 * grammar does not take for a time at all is left to the older reading, which refuses leftover
 * words too.
 */
final class OneTime {

  private OneTime() {}

  /**
   * Reads {@code words[start..]} as one time. {@code retype} is the command that a choice's button
   * repeats with one reading ({@code snooze 3}); {@code lengthFirst} reads {@code 15h} as a length.
   */
  static ParseResult read(
      String verb,
      List<String> words,
      int start,
      WhenContext ctx,
      boolean lengthFirst,
      String retype,
      Function<Instant, Command> make) {
    if (lengthFirst) {
      Optional<Durations.Span> span = Durations.parse(words, start);
      if (span.isPresent() && start + span.get().consumed() == words.size()) {
        WhenParser.Result r = WhenParser.parseSnooze(words, start, ctx.now());
        return r instanceof WhenParser.Found found
            ? new ParseResult.Parsed(make.apply(found.at()))
            : Usage.badTime(r, verb);
      }
    }
    WhenReading reading = WhenGrammar.whole(words, start, ctx);
    if (reading instanceof WhenReading.At at) {
      return new ParseResult.Parsed(make.apply(at.at()));
    }
    if (reading instanceof WhenReading.Choice choice) {
      List<Command.WhenOption> options = new ArrayList<>();
      for (WhenReading.Option o : choice.options()) {
        options.add(new Command.WhenOption(o.label(), retype + " " + o.phrase()));
      }
      return new ParseResult.Parsed(new Command.ChooseWhen(choice.why(), options));
    }
    if (reading instanceof WhenReading.Repeats) {
      return invalid(
          "That repeats, and a " + verb + " is for one time, like `tomorrow 9am`.", verb);
    }
    if (reading instanceof WhenReading.Refused refused) {
      return invalid(refused.problem(), verb);
    }
    WhenParser.Result when = WhenParser.parseSnooze(words, start, ctx.now());
    if (when instanceof WhenParser.Found found) {
      if (start + found.consumed() < words.size()) {
        return invalid("I read a time but not the words after it.", verb);
      }
      return new ParseResult.Parsed(make.apply(found.at()));
    }
    return Usage.badTime(when, verb);
  }
}
