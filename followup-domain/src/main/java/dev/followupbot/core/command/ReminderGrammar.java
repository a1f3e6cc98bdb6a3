package dev.followupbot.core.command;

import static dev.followupbot.core.command.Usage.badCase;
import static dev.followupbot.core.command.Usage.invalid;

import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.when.WhenContext;
import dev.followupbot.core.when.WhenGrammar;
import dev.followupbot.core.when.WhenReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** How the reminder verbs read their arguments: who, which case, when, and a note. */
final class ReminderGrammar {

  /** A channel: {@code #support}, or Slack's {@code <#C123|support>}. */
  private static final Pattern CHANNEL =
      Pattern.compile("<#[A-Za-z0-9]+(\\|[^>]*)?>|#\\p{L}[\\p{L}\\p{N}_-]*");

  private ReminderGrammar() {}

  /**
   * {@code remind [me|@person] [<case>|about <case>] <when> <note>} or {@code ... <note> <when>}:
   * the time is read by the {@link WhenGrammar}, before or after the note, never partly in it. A
   * time with two readings is offered as a choice; a repeating time sets a series.
   */
  static ParseResult remind(String verb, List<Token> args, WhenContext ctx) {
    List<String> words = Token.texts(args);
    List<Boolean> quoted = Token.quotedFlags(args);
    int i = 0;
    String recipientWord = null;
    Optional<UserMention> recipient = Optional.empty();
    Optional<ChannelMention> channel = Optional.empty();
    if (i < words.size() && !args.get(i).quoted() && words.get(i).equalsIgnoreCase("me")) {
      i++;
    } else if (i < words.size() && !args.get(i).quoted()) {
      if (CHANNEL.matcher(words.get(i)).matches()) {
        channel = ChannelMention.parse(words.get(i));
        if (channel.isEmpty()) {
          return invalid(
              "I can't read \""
                  + words.get(i)
                  + "\" as a channel. Mention it with #, for example"
                  + " `remind #support every monday 9am check the queue`.",
              verb);
        }
        recipientWord = channel.get().token();
        i++;
      }
      recipient = channel.isPresent() ? Optional.empty() : UserMention.parse(words.get(i));
      if (recipient.isPresent()) {
        recipientWord = words.get(i);
        i++;
      }
    }
    Optional<CaseRef> ref = Optional.empty();
    String refWord = null;
    if (i + 1 < words.size()
        && !args.get(i).quoted()
        && CaseRef.looksLikeCase(words.get(i))
        && WhenGrammar.split(words, quoted, i + 1, ctx) instanceof WhenGrammar.Located) {
      ref = CaseRef.parse(words.get(i));
      refWord = words.get(i);
      i++;
    }
    if (i + 1 < words.size() && !args.get(i).quoted() && words.get(i).matches("#?\\d{10,}")) {
      return badCase(words.get(i), verb);
    }
    if (i + 1 < words.size()
        && !args.get(i).quoted()
        && words.get(i).equalsIgnoreCase("about")
        && CaseRef.looksLikeCase(words.get(i + 1))) {
      ref = CaseRef.parse(words.get(i + 1));
      refWord = words.get(i + 1);
      i += 2;
    }
    if (i >= words.size()) {
      return invalid(
          channel.isPresent()
              ? "When should I post it in "
                  + channel.get().display()
                  + "? For example `remind #support every monday 9am check the queue`."
              : "When should I remind you? " + WhenGrammar.EXAMPLES,
          verb);
    }
    WhenGrammar.Split split = WhenGrammar.split(words, quoted, i, ctx);
    if (split instanceof WhenGrammar.Unclear unclear) {
      return invalid(unclear.problem(), verb);
    }
    WhenGrammar.Located located = (WhenGrammar.Located) split;
    List<Token> noteTokens = new ArrayList<>(args.subList(i, located.from()));
    noteTokens.addAll(args.subList(located.to(), args.size()));
    Optional<String> note =
        Token.rest(noteTokens, 0).map(ReminderGrammar::trimNote).filter(n -> !n.isEmpty());
    if (note.isPresent() && note.get().length() > Reminder.MAX_NOTE) {
      return invalid("Keep the note under " + Reminder.MAX_NOTE + " characters.", verb);
    }
    WhenReading reading = located.reading();
    if (reading instanceof WhenReading.At at) {
      return new ParseResult.Parsed(new Command.Remind(recipient, ref, at.at(), note, channel));
    }
    if (reading instanceof WhenReading.Choice choice) {
      List<Command.WhenOption> options = new ArrayList<>();
      for (WhenReading.Option o : choice.options()) {
        options.add(
            new Command.WhenOption(
                o.label(), remindCommand(recipientWord, refWord, o.phrase(), note)));
      }
      return new ParseResult.Parsed(new Command.ChooseWhen(choice.why(), options));
    }
    if (reading instanceof WhenReading.Repeats repeats) {
      return new ParseResult.Parsed(
          new Command.RemindEvery(
              recipient, ref, repeats.rule(), repeats.skipHolidays(), note, channel));
    }
    if (reading instanceof WhenReading.Refused refused) {
      return invalid(refused.problem(), verb);
    }
    return invalid("When should I remind you? " + WhenGrammar.EXAMPLES, verb);
  }

  /** "to call Dana" is "call Dana". */
  private static String trimNote(String note) {
    return note.strip().replaceFirst("(?i)^(to|about|that)\\s+", "").strip();
  }

  /** The command that sets the reminder at one reading of an ambiguous time (a button's). */
  private static String remindCommand(
      String recipientWord, String refWord, String phrase, Optional<String> note) {
    StringBuilder c = new StringBuilder("remind");
    if (recipientWord != null) {
      c.append(' ').append(recipientWord);
    }
    if (refWord != null) {
      c.append(' ').append(refWord);
    }
    c.append(' ').append(phrase);
    note.ifPresent(n -> c.append(" \"").append(n.replaceAll("[\"\u201C\u201D]", "'")).append('"'));
    return c.toString();
  }

  static ParseResult snooze(String verb, List<Token> args, WhenContext ctx) {
    if (args.isEmpty()) {
      return invalid("Which reminder? Give its number (see `reminders`).", verb);
    }
    Optional<Integer> number = reminderNumber(args.get(0).text());
    if (number.isEmpty()) {
      return invalid("\"" + args.get(0).text() + "\" is not a reminder number.", verb);
    }
    if (args.size() == 1) {
      return invalid("For how long? For example `1h` or `tomorrow 9am`.", verb);
    }
    List<String> words = Token.texts(args);
    int start =
        words.get(1).equalsIgnoreCase("until") || words.get(1).equalsIgnoreCase("for") ? 2 : 1;
    if (start == words.size()) {
      return invalid("For how long? For example `1h` or `tomorrow 9am`.", verb);
    }
    return OneTime.read(
        verb,
        words,
        start,
        ctx,
        true,
        "snooze " + number.get(),
        at -> new Command.Snooze(number.get(), at));
  }

  /** {@code <verb> <reminder>}. */
  static Verb.Grammar reminderOnly(Function<Integer, Command> make) {
    return (verb, args, when) -> {
      if (args.isEmpty()) {
        return invalid("Which reminder? Give its number (see `reminders`).", verb);
      }
      Optional<Integer> number = reminderNumber(args.get(0).text());
      if (number.isEmpty()) {
        return invalid("\"" + args.get(0).text() + "\" is not a reminder number.", verb);
      }
      return new ParseResult.Parsed(make.apply(number.get()));
    };
  }

  private static Optional<Integer> reminderNumber(String token) {
    String digits = token.replaceFirst("^(?i)(#|r)", "");
    if (digits.matches("\\d{1,9}")) {
      return Optional.of(Integer.parseInt(digits));
    }
    return Optional.empty();
  }
}
