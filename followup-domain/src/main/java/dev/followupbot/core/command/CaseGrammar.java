package dev.followupbot.core.command;

import static dev.followupbot.core.command.Usage.badCase;
import static dev.followupbot.core.command.Usage.invalid;

import dev.followupbot.core.command.Command.CaseFilter;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.when.WhenContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** How the case verbs read their arguments: a case first, then text, a person or a time. */
final class CaseGrammar {

  private CaseGrammar() {}

  static ParseResult newCase(String verb, List<Token> args, WhenContext when) {
    Priority priority = Priority.NORMAL;
    Optional<String> externalRef = Optional.empty();
    List<Token> rest = new ArrayList<>();
    for (Token t : args) {
      String word = t.text();
      if (!t.quoted() && word.startsWith("!") && word.length() > 1) {
        Optional<Priority> p = Priority.fromLabel(word.substring(1));
        if (p.isEmpty()) {
          return invalid("Priority can be `!urgent`, `!high`, `!normal` or `!low`.", verb);
        }
        priority = p.get();
      } else if (!t.quoted()
          && word.toLowerCase(Locale.ROOT).startsWith("ref:")
          && word.length() > 4) {
        Optional<CaseRef> ref = CaseRef.parse(word.substring(4));
        if (ref.isEmpty() || ref.get().externalRef().isEmpty()) {
          return invalid(
              "A reference looks like `ref:ZD-4211` (letters, digits and - . _ : /).", verb);
        }
        externalRef = ref.get().externalRef();
      } else {
        rest.add(t);
      }
    }
    if (rest.isEmpty()) {
      return invalid("What is the case about? Give it a subject.", verb);
    }
    String subject;
    Optional<String> customer = Optional.empty();
    if (rest.get(0).quoted()) {
      subject = rest.get(0).text().strip();
      List<Token> after = rest.subList(1, rest.size());
      if (!after.isEmpty()) {
        if (!after.get(0).text().equalsIgnoreCase("for") || after.size() < 2) {
          return invalid("After a quoted subject, name the customer with `for <customer>`.", verb);
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
      return invalid("What is the case about? Give it a subject.", verb);
    }
    if (subject.length() > SupportCase.MAX_SUBJECT) {
      return invalid("Keep the subject under " + SupportCase.MAX_SUBJECT + " characters.", verb);
    }
    if (customer.isPresent() && customer.get().length() > SupportCase.MAX_CUSTOMER) {
      return invalid(
          "Keep the customer's name under " + SupportCase.MAX_CUSTOMER + " characters.", verb);
    }
    return new ParseResult.Parsed(new Command.NewCase(subject, customer, priority, externalRef));
  }

  /** {@code <verb> <case>}. */
  static Verb.Grammar caseOnly(Function<CaseRef, Command> make) {
    return (verb, args, when) -> {
      if (args.isEmpty()) {
        return invalid("Which case? Give its number.", verb);
      }
      Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
      if (ref.isEmpty()) {
        return badCase(args.get(0).text(), verb);
      }
      return new ParseResult.Parsed(make.apply(ref.get()));
    };
  }

  /** {@code <verb> <case> [text]}. */
  static Verb.Grammar caseAndText(BiFunction<CaseRef, Optional<String>, Command> make) {
    return (verb, args, when) -> {
      if (args.isEmpty()) {
        return invalid("Which case? Give its number.", verb);
      }
      Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
      if (ref.isEmpty()) {
        return badCase(args.get(0).text(), verb);
      }
      return new ParseResult.Parsed(make.apply(ref.get(), Token.rest(args, 1)));
    };
  }

  static ParseResult assign(String verb, List<Token> args, WhenContext when) {
    if (args.size() < 2) {
      return invalid("Say which case and to whom.", verb);
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), verb);
    }
    Optional<UserMention> who = UserMention.parse(args.get(1).text());
    if (who.isEmpty()) {
      return invalid("Mention the new owner with @, like `@dana`.", verb);
    }
    Optional<String> reason =
        Token.rest(args, 2).map(r -> r.replaceFirst("(?i)^(because|reason:?)\\s+", ""));
    return new ParseResult.Parsed(new Command.Assign(ref.get(), who.get(), reason));
  }

  static ParseResult waitFor(String verb, List<Token> args, WhenContext ctx) {
    if (args.isEmpty()) {
      return invalid("Which case? Give its number.", verb);
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), verb);
    }
    if (args.size() == 1) {
      return new ParseResult.Parsed(new Command.Wait(ref.get(), Optional.empty()));
    }
    List<String> words = Token.texts(args);
    int start =
        words.get(1).equalsIgnoreCase("until") || words.get(1).equalsIgnoreCase("for") ? 2 : 1;
    if (start == words.size()) {
      return invalid("Until when? For example `until tomorrow 9am` or `for 2d`.", verb);
    }
    return OneTime.read(
        verb,
        words,
        start,
        ctx,
        words.get(1).equalsIgnoreCase("for"),
        "wait " + words.get(0) + " until",
        at -> new Command.Wait(ref.get(), Optional.of(at)));
  }

  static ParseResult cases(String verb, List<Token> args, WhenContext when) {
    if (args.isEmpty()) {
      return new ParseResult.Parsed(new Command.ListCases(CaseFilter.OPEN));
    }
    if (args.get(0).text().equalsIgnoreCase("report")) {
      return report("report", args.subList(1, args.size()), when);
    }
    String which = args.get(0).text().toUpperCase(Locale.ROOT);
    for (CaseFilter f : CaseFilter.values()) {
      if (f.name().equals(which)) {
        return new ParseResult.Parsed(new Command.ListCases(f));
      }
    }
    return invalid(
        "I can list `open`, `mine`, `unclaimed`, `resolved` or `all` cases, or give a `report`.",
        verb);
  }

  static ParseResult report(String verb, List<Token> args, WhenContext when) {
    if (args.isEmpty()) {
      return new ParseResult.Parsed(new Command.Report(Command.ReportPeriod.WEEK));
    }
    for (Command.ReportPeriod p : Command.ReportPeriod.values()) {
      if (p.name().equalsIgnoreCase(args.get(0).text())) {
        return new ParseResult.Parsed(new Command.Report(p));
      }
    }
    return invalid("A report covers the last `week` or `month`.", verb);
  }

  static ParseResult csat(String verb, List<Token> args, WhenContext when) {
    if (args.size() < 2) {
      return invalid("Say which case and the score from 1 to 5.", verb);
    }
    Optional<CaseRef> ref = CaseRef.parse(args.get(0).text());
    if (ref.isEmpty()) {
      return badCase(args.get(0).text(), verb);
    }
    String score = args.get(1).text().replaceFirst("/5$", "");
    if (!score.matches("[1-5]")) {
      return invalid("The score is a whole number from 1 (poor) to 5 (great).", verb);
    }
    Optional<String> comment = Token.rest(args, 2);
    if (comment.isPresent() && comment.get().length() > 1000) {
      return invalid("Keep the comment under 1000 characters.", verb);
    }
    return new ParseResult.Parsed(new Command.Csat(ref.get(), Integer.parseInt(score), comment));
  }
}
