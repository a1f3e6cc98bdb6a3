package dev.followupbot.core.command;

import dev.followupbot.core.command.Command.CaseFilter;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.when.WhenContext;
import dev.followupbot.core.when.WhenGrammar;
import dev.followupbot.core.when.WhenReading;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the text after {@code /followup} (or a message to the bot, or a console line) into a {@link
 * Command}. Times are read in the speaker's zone at {@code now}. Never throws on input: a mistake
 * comes back as {@link ParseResult.Invalid} with a usage line and an example.
 */
public final class CommandParser {

  public static final int MAX_LENGTH = 4000;

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("?", "help"),
          Map.entry("commands", "help"),
          Map.entry("open", "show"),
          Map.entry("case", "show"),
          Map.entry("view", "show"),
          Map.entry("list", "cases"),
          Map.entry("take", "claim"),
          Map.entry("unclaim", "release"),
          Map.entry("reassign", "assign"),
          Map.entry("handoff", "assign"),
          Map.entry("solve", "resolve"),
          Map.entry("solved", "resolve"),
          Map.entry("waiting", "wait"),
          Map.entry("create", "new"),
          Map.entry("reminder", "remind"),
          Map.entry("replied", "answered"),
          Map.entry("answer", "answered"),
          Map.entry("feedback", "csat"),
          Map.entry("rating", "csat"),
          Map.entry("report", "cases-report"),
          Map.entry("whereami", "whoami"),
          Map.entry("ids", "whoami"),
          Map.entry("web", "dashboard"));

  private CommandParser() {}

  public static ParseResult parse(String rawText, ZonedDateTime now) {
    return parse(rawText, WhenContext.at(now));
  }

  /**
   * Parses with what is known of the speaker: their zone at the moment of typing, their locale (for
   * numeric dates) and working hours (for a bare hour, {@code eod}, {@code next week}).
   */
  public static ParseResult parse(String rawText, WhenContext when) {
    ZonedDateTime now = when.now();
    if (rawText == null) {
      return help();
    }
    if (rawText.length() > MAX_LENGTH) {
      return invalid(
          "That's a lot of text. Keep a command under " + MAX_LENGTH + " characters.", null);
    }
    String text = rawText.replaceAll("[\\p{Cntrl}&&[^\\t\\n\\r]]", " ").strip();
    text = text.replaceFirst("(?i)^/?followup\\b\\s*", "");
    List<Token> tokens = Token.split(text);
    if (tokens.isEmpty()) {
      return help();
    }
    String verb = tokens.get(0).text().toLowerCase(Locale.ROOT);
    verb = ALIASES.getOrDefault(verb, verb);
    List<Token> args = tokens.subList(1, tokens.size());
    switch (verb) {
      case "help":
        return new ParseResult.Parsed(
            new Command.Help(
                args.isEmpty()
                    ? Optional.empty()
                    : Optional.of(args.get(0).text().toLowerCase(Locale.ROOT))));
      case "new":
        return newCase(args);
      case "claim":
        return caseOnly("claim", args, Command.Claim::new);
      case "release":
        return caseOnly("release", args, Command.Release::new);
      case "resume":
        return caseOnly("resume", args, Command.Resume::new);
      case "close":
        return caseOnly("close", args, Command.Close::new);
      case "show":
        return caseOnly("show", args, Command.Show::new);
      case "assign":
        return assign(args);
      case "wait":
        return waitFor(args, now);
      case "resolve":
        return caseAndText("resolve", args, Command.Resolve::new);
      case "reopen":
        return caseAndText("reopen", args, Command.Reopen::new);
      case "remind":
        return remind(args, when);
      case "reminders":
        return new ParseResult.Parsed(new Command.ListReminders());
      case "snooze":
        return snooze(args, now);
      case "done":
        return reminderOnly("done", args, Command.Done::new);
      case "cancel":
        return reminderOnly("cancel", args, Command.Cancel::new);
      case "cases":
        return cases(args);
      case "cases-report":
        return report(args);
      case "progress":
        return caseAndText("progress", args, Command.Progress::new);
      case "answered":
        return caseAndText("answered", args, Command.Answered::new);
      case "csat":
        return csat(args);
      case "digest":
        return digest(args);
      case "admin":
        return admin(args);
      case "whoami":
        return new ParseResult.Parsed(new Command.WhoAmI());
      case "dashboard":
        return new ParseResult.Parsed(new Command.Dashboard());
      default:
        return unknown(tokens.get(0).text());
    }
  }

  private static ParseResult help() {
    return new ParseResult.Parsed(new Command.Help(Optional.empty()));
  }

  private static ParseResult newCase(List<Token> args) {
    Priority priority = Priority.NORMAL;
    Optional<String> externalRef = Optional.empty();
    List<Token> rest = new ArrayList<>();
    for (Token t : args) {
      String word = t.text();
      if (!t.quoted() && word.startsWith("!") && word.length() > 1) {
        Optional<Priority> p = Priority.fromLabel(word.substring(1));
        if (p.isEmpty()) {
          return invalid("Priority can be `!urgent`, `!high`, `!normal` or `!low`.", "new");
        }
        priority = p.get();
      } else if (!t.quoted()
          && word.toLowerCase(Locale.ROOT).startsWith("ref:")
          && word.length() > 4) {
        Optional<CaseRef> ref = CaseRef.parse(word.substring(4));
        if (ref.isEmpty() || ref.get().externalRef().isEmpty()) {
          return invalid(
              "A reference looks like `ref:ZD-4211` (letters, digits and - . _ : /).", "new");
        }
        externalRef = ref.get().externalRef();
      } else {
        rest.add(t);
      }
    }
    if (rest.isEmpty()) {
      return invalid("What is the case about? Give it a subject.", "new");
    }
    String subject;
    Optional<String> customer = Optional.empty();
    if (rest.get(0).quoted()) {
      subject = rest.get(0).text().strip();
      List<Token> after = rest.subList(1, rest.size());
      if (!after.isEmpty()) {
        if (!after.get(0).text().equalsIgnoreCase("for") || after.size() < 2) {
          return invalid("After a quoted subject, name the customer with `for <customer>`.", "new");
        }
        customer = Optional.of(Token.join(after.subList(1, after.size())));
      }
    } else {
      int split = -1;
      for (int i = rest.size() - 1; i > 0; i--) {
        if (!rest.get(i).quoted() && rest.get(i).text().equalsIgnoreCase("for")) {
          split = i;
          break;
        }
      }
      if (split > 0 && split < rest.size() - 1) {
        subject = Token.join(rest.subList(0, split));
        customer = Optional.of(Token.join(rest.subList(split + 1, rest.size())));
      } else {
        subject = Token.join(rest);
      }
    }
    if (subject.isBlank()) {
      return invalid("What is the case about? Give it a subject.", "new");
    }
    if (subject.length() > SupportCase.MAX_SUBJECT) {
      return invalid("Keep the subject under " + SupportCase.MAX_SUBJECT + " characters.", "new");
    }
    if (customer.isPresent() && customer.get().length() > SupportCase.MAX_CUSTOMER) {
      return invalid(
          "Keep the customer's name under " + SupportCase.MAX_CUSTOMER + " characters.", "new");
    }
    return new ParseResult.Parsed(new Command.NewCase(subject, customer, priority, externalRef));
  }

  private static ParseResult caseOnly(
      String verb, List<Token> args, Function<CaseRef, Command> make) {
    if (args.isEmpty()) {
      return invalid("Which case? Give its number.", verb);
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), verb);
    }
    return new ParseResult.Parsed(make.apply(ref.get()));
  }

  private static ParseResult caseAndText(
      String verb,
      List<Token> args,
      java.util.function.BiFunction<CaseRef, Optional<String>, Command> make) {
    if (args.isEmpty()) {
      return invalid("Which case? Give its number.", verb);
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), verb);
    }
    return new ParseResult.Parsed(make.apply(ref.get(), rest(args, 1)));
  }

  private static ParseResult assign(List<Token> args) {
    if (args.size() < 2) {
      return invalid("Say which case and to whom.", "assign");
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), "assign");
    }
    Optional<UserMention> who = UserMention.parse(args.get(1).text());
    if (who.isEmpty()) {
      return invalid("Mention the new owner with @, like `@dana`.", "assign");
    }
    Optional<String> reason =
        rest(args, 2).map(r -> r.replaceFirst("(?i)^(because|reason:?)\\s+", ""));
    return new ParseResult.Parsed(new Command.Assign(ref.get(), who.get(), reason));
  }

  private static ParseResult waitFor(List<Token> args, ZonedDateTime now) {
    if (args.isEmpty()) {
      return invalid("Which case? Give its number.", "wait");
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), "wait");
    }
    if (args.size() == 1) {
      return new ParseResult.Parsed(new Command.Wait(ref.get(), Optional.empty()));
    }
    List<String> words = words(args);
    int start =
        words.get(1).equalsIgnoreCase("until") || words.get(1).equalsIgnoreCase("for") ? 2 : 1;
    WhenParser.Result when =
        words.get(1).equalsIgnoreCase("for")
            ? WhenParser.parseSnooze(words, start, now)
            : WhenParser.parse(words, start, now);
    if (when instanceof WhenParser.Found found) {
      if (start + found.consumed() < words.size()) {
        return invalid("I read a time but not the words after it.", "wait");
      }
      return new ParseResult.Parsed(new Command.Wait(ref.get(), Optional.of(found.at())));
    }
    return timeProblem(when, "wait");
  }

  /**
   * {@code remind [me|@person] [<case>|about <case>] <when> <note>} or {@code ... <note> <when>}:
   * the time is read by the {@link WhenGrammar}, before or after the note, never partly in it. A
   * time with two readings is offered as a choice; a repeating time sets a series.
   */
  private static ParseResult remind(List<Token> args, WhenContext ctx) {
    List<String> words = words(args);
    List<Boolean> quoted = quoted(args);
    int i = 0;
    String recipientWord = null;
    Optional<UserMention> recipient = Optional.empty();
    if (i < words.size() && !args.get(i).quoted() && words.get(i).equalsIgnoreCase("me")) {
      i++;
    } else if (i < words.size() && !args.get(i).quoted()) {
      if (CHANNEL.matcher(words.get(i)).matches()) {
        return invalid(
            "Reminders in a channel aren't available yet; I can remind you or a person."
                + " For example `remind me to check the queue tomorrow 9am`.",
            "remind");
      }
      recipient = UserMention.parse(words.get(i));
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
      return badCase(words.get(i), "remind");
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
      return invalid("When should I remind you? " + WhenGrammar.EXAMPLES, "remind");
    }
    WhenGrammar.Split split = WhenGrammar.split(words, quoted, i, ctx);
    if (split instanceof WhenGrammar.Unclear unclear) {
      return invalid(unclear.problem(), "remind");
    }
    WhenGrammar.Located located = (WhenGrammar.Located) split;
    List<Token> noteTokens = new ArrayList<>(args.subList(i, located.from()));
    noteTokens.addAll(args.subList(located.to(), args.size()));
    Optional<String> note =
        rest(noteTokens, 0).map(CommandParser::trimNote).filter(n -> !n.isEmpty());
    if (note.isPresent() && note.get().length() > dev.followupbot.core.domain.Reminder.MAX_NOTE) {
      return invalid(
          "Keep the note under " + dev.followupbot.core.domain.Reminder.MAX_NOTE + " characters.",
          "remind");
    }
    WhenReading reading = located.reading();
    if (reading instanceof WhenReading.At at) {
      return new ParseResult.Parsed(new Command.Remind(recipient, ref, at.at(), note));
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
          new Command.RemindEvery(recipient, ref, repeats.rule(), repeats.skipHolidays(), note));
    }
    if (reading instanceof WhenReading.Refused refused) {
      return invalid(refused.problem(), "remind");
    }
    return invalid("When should I remind you? " + WhenGrammar.EXAMPLES, "remind");
  }

  /** A channel: {@code #support}, or Slack's {@code <#C123|support>}. */
  private static final java.util.regex.Pattern CHANNEL =
      java.util.regex.Pattern.compile("<#[A-Za-z0-9]+(\\|[^>]*)?>|#\\p{L}[\\p{L}\\p{N}_-]*");

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

  private static ParseResult snooze(List<Token> args, ZonedDateTime now) {
    if (args.isEmpty()) {
      return invalid("Which reminder? Give its number (see `reminders`).", "snooze");
    }
    Optional<Integer> number = reminderNumber(args.get(0).text());
    if (number.isEmpty()) {
      return invalid("\"" + args.get(0).text() + "\" is not a reminder number.", "snooze");
    }
    if (args.size() == 1) {
      return invalid("For how long? For example `1h` or `tomorrow 9am`.", "snooze");
    }
    List<String> words = words(args);
    WhenParser.Result when = WhenParser.parseSnooze(words, 1, now);
    if (when instanceof WhenParser.Found found) {
      if (1 + found.consumed() < words.size()) {
        return invalid("I read a time but not the words after it.", "snooze");
      }
      return new ParseResult.Parsed(new Command.Snooze(number.get(), found.at()));
    }
    return timeProblem(when, "snooze");
  }

  private static ParseResult reminderOnly(
      String verb, List<Token> args, Function<Integer, Command> make) {
    if (args.isEmpty()) {
      return invalid("Which reminder? Give its number (see `reminders`).", verb);
    }
    Optional<Integer> number = reminderNumber(args.get(0).text());
    if (number.isEmpty()) {
      return invalid("\"" + args.get(0).text() + "\" is not a reminder number.", verb);
    }
    return new ParseResult.Parsed(make.apply(number.get()));
  }

  private static ParseResult cases(List<Token> args) {
    if (args.isEmpty()) {
      return new ParseResult.Parsed(new Command.ListCases(CaseFilter.OPEN));
    }
    if (args.get(0).text().equalsIgnoreCase("report")) {
      return report(args.subList(1, args.size()));
    }
    String which = args.get(0).text().toUpperCase(Locale.ROOT);
    for (CaseFilter f : CaseFilter.values()) {
      if (f.name().equals(which)) {
        return new ParseResult.Parsed(new Command.ListCases(f));
      }
    }
    return invalid(
        "I can list `open`, `mine`, `unclaimed`, `resolved` or `all` cases, or give a `report`.",
        "cases");
  }

  private static ParseResult report(List<Token> args) {
    if (args.isEmpty()) {
      return new ParseResult.Parsed(new Command.Report(Command.ReportPeriod.WEEK));
    }
    for (Command.ReportPeriod p : Command.ReportPeriod.values()) {
      if (p.name().equalsIgnoreCase(args.get(0).text())) {
        return new ParseResult.Parsed(new Command.Report(p));
      }
    }
    return invalid("A report covers the last `week` or `month`.", "report");
  }

  private static ParseResult csat(List<Token> args) {
    if (args.size() < 2) {
      return invalid("Say which case and the score from 1 to 5.", "csat");
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), "csat");
    }
    String score = args.get(1).text().replaceFirst("/5$", "");
    if (!score.matches("[1-5]")) {
      return invalid("The score is a whole number from 1 (poor) to 5 (great).", "csat");
    }
    Optional<String> comment = rest(args, 2);
    if (comment.isPresent() && comment.get().length() > 1000) {
      return invalid("Keep the comment under 1000 characters.", "csat");
    }
    return new ParseResult.Parsed(new Command.Csat(ref.get(), Integer.parseInt(score), comment));
  }

  private static ParseResult digest(List<Token> args) {
    String word = args.isEmpty() ? "" : args.get(0).text().toLowerCase(Locale.ROOT);
    if (word.equals("on") || word.equals("off")) {
      return new ParseResult.Parsed(new Command.Digest(word.equals("on")));
    }
    return invalid("Say `digest on` or `digest off`.", "digest");
  }

  private static final String ADMIN_USAGE =
      " Admin commands: `admin show [team]`, `admin set <team> <setting> <value>`,"
          + " `admin unset <team> <setting>`, `admin hours <team> mon-fri 09:00-17:00 [zone]`,"
          + " `admin holiday <team> [remove] 2026-12-25`, `admin reload`.";

  private static ParseResult admin(List<Token> args) {
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
      case "holiday":
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
              new Command.AdminHoliday(
                  rest.get(0).text(), java.time.LocalDate.parse(date), remove));
        } catch (java.time.format.DateTimeParseException e) {
          return new ParseResult.Invalid(
              "\"" + date + "\" is not a date; write it like 2026-12-25." + ADMIN_USAGE);
        }
      default:
        return new ParseResult.Invalid(
            (sub.isEmpty() ? "Which admin command?" : "I don't know `admin " + sub + "`.")
                + ADMIN_USAGE);
    }
  }

  private static Optional<Integer> reminderNumber(String token) {
    String digits = token.replaceFirst("^(?i)(#|r)", "");
    if (digits.matches("\\d{1,9}")) {
      return Optional.of(Integer.parseInt(digits));
    }
    return Optional.empty();
  }

  private static ParseResult timeProblem(WhenParser.Result when, String verb) {
    if (when instanceof WhenParser.Invalid bad) {
      return invalid(bad.problem(), verb);
    }
    return invalid(
        "I couldn't read the time. Try `in 15m`, `tomorrow 9am`, `monday 14:00`, `at 16:30` or `2026-12-01 10:00`.",
        verb);
  }

  private static ParseResult badCase(String token, String verb) {
    return invalid("\"" + token + "\" is not a case number or reference.", verb);
  }

  private static ParseResult unknown(String word) {
    String shown = word.length() > 40 ? word.substring(0, 40) + "…" : word;
    Optional<String> guess = closest(word.toLowerCase(Locale.ROOT));
    return new ParseResult.Invalid(
        "I don't know \""
            + shown
            + "\"."
            + guess.map(g -> " Did you mean `" + g + "`?").orElse("")
            + " Type `help` to see what I can do.");
  }

  private static ParseResult invalid(String problem, String verb) {
    String usage = verb == null ? "" : CommandSpec.named(verb).map(s -> " " + s.usage()).orElse("");
    return new ParseResult.Invalid(problem + usage);
  }

  private static Optional<String> rest(List<Token> args, int from) {
    if (from >= args.size()) {
      return Optional.empty();
    }
    String text = Token.join(args.subList(from, args.size())).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static List<Boolean> quoted(List<Token> args) {
    List<Boolean> quoted = new ArrayList<>(args.size());
    for (Token t : args) {
      quoted.add(t.quoted());
    }
    return quoted;
  }

  private static List<String> words(List<Token> args) {
    List<String> words = new ArrayList<>(args.size());
    for (Token t : args) {
      words.add(t.text());
    }
    return words;
  }

  private static Optional<String> closest(String word) {
    String best = null;
    int bestDistance = 3;
    for (CommandSpec spec : CommandSpec.ALL) {
      int d = distance(word, spec.name());
      if (d < bestDistance) {
        bestDistance = d;
        best = spec.name();
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    if (a.length() > 30) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
