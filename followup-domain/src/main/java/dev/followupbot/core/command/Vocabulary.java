package dev.followupbot.core.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every verb a person can type, in the order {@code help} lists them. */
final class Vocabulary {

  static final List<Verb> ALL =
      List.of(
          new Verb(
              "new",
              List.of("create"),
              "new <subject> [for <customer>] [!urgent|!high|!low] [ref:<id>]",
              "open a case in this channel",
              "new \"Refund for Acme\" for Dana !high",
              CaseGrammar::newCase),
          new Verb(
              "claim",
              List.of("take"),
              "claim <case>",
              "take an unclaimed case",
              "claim 42",
              CaseGrammar.caseOnly(Command.Claim::new)),
          new Verb(
              "release",
              List.of("unclaim"),
              "release <case>",
              "give your case back to the team",
              "release 42",
              CaseGrammar.caseOnly(Command.Release::new)),
          new Verb(
              "assign",
              List.of("reassign", "handoff"),
              "assign <case> <@person> [reason]",
              "hand a case to someone, with a reason",
              "assign 42 @dana she knows the account",
              CaseGrammar::assign),
          new Verb(
              "wait",
              List.of("waiting"),
              "wait <case> [until <when>]",
              "you answered; wait on the customer (optionally until a time)",
              "wait 42 until friday 10am",
              CaseGrammar::waitFor),
          new Verb(
              "resume",
              List.of(),
              "resume <case>",
              "the customer is back: work on it again",
              "resume 42",
              CaseGrammar.caseOnly(Command.Resume::new)),
          new Verb(
              "progress",
              List.of(),
              "progress <case> [note]",
              "you're still on it (resets the quiet-case nudge)",
              "progress 42 waiting for finance",
              CaseGrammar.caseAndText(Command.Progress::new)),
          new Verb(
              "answered",
              List.of("replied", "answer"),
              "answered <case> [note]",
              "you answered the customer (the first time, that's the first response)",
              "answered 42 sent the refund form",
              CaseGrammar.caseAndText(Command.Answered::new)),
          new Verb(
              "resolve",
              List.of("solve", "solved"),
              "resolve <case> [note]",
              "mark a case solved",
              "resolve 42 refund sent",
              CaseGrammar.caseAndText(Command.Resolve::new)),
          new Verb(
              "reopen",
              List.of(),
              "reopen <case> [reason]",
              "bring a solved case back",
              "reopen 42 customer replied",
              CaseGrammar.caseAndText(Command.Reopen::new)),
          new Verb(
              "close",
              List.of(),
              "close <case>",
              "file a resolved case away",
              "close 42",
              CaseGrammar.caseOnly(Command.Close::new)),
          new Verb(
              "show",
              List.of("open", "case", "view"),
              "show <case>",
              "a case's details and history",
              "show 42",
              CaseGrammar.caseOnly(Command.Show::new)),
          new Verb(
              "cases",
              List.of("list"),
              "cases [open|mine|unclaimed|resolved|all]",
              "list cases (open by default)",
              "cases mine",
              CaseGrammar::cases),
          new Verb(
              "report",
              List.of("cases-report"),
              "cases report [week|month]",
              "the team's numbers: time to claim, first response, resolution, SLA, CSAT",
              "cases report week",
              CaseGrammar::report),
          new Verb(
              "csat",
              List.of("feedback", "rating"),
              "csat <case> <1-5> [comment]",
              "record the customer's satisfaction",
              "csat 42 5 quick and friendly",
              CaseGrammar::csat),
          new Verb(
              "remind",
              List.of("reminder"),
              "remind [@person] [<case>] <when> [note]",
              "set a follow-up reminder",
              "remind 42 tomorrow 9am call Dana back",
              ReminderGrammar::remind),
          new Verb(
              "reminders",
              List.of(),
              "reminders",
              "your pending reminders",
              "reminders",
              (verb, args, when) -> new ParseResult.Parsed(new Command.ListReminders())),
          new Verb(
              "snooze",
              List.of(),
              "snooze <reminder> <duration|when>",
              "push a reminder back",
              "snooze 7 1h",
              ReminderGrammar::snooze),
          new Verb(
              "done",
              List.of(),
              "done <reminder>",
              "mark a reminder done",
              "done 7",
              ReminderGrammar.reminderOnly(Command.Done::new)),
          new Verb(
              "cancel",
              List.of(),
              "cancel <reminder>",
              "cancel a reminder",
              "cancel 7",
              ReminderGrammar.reminderOnly(Command.Cancel::new)),
          new Verb(
              "digest",
              List.of(),
              "digest on|off",
              "your 9:00 morning summary of open cases and today's follow-ups",
              "digest off",
              AdminGrammar::digest),
          new Verb(
              "whoami",
              List.of("whereami", "ids"),
              "whoami",
              "your id, this channel's id and team, for the configuration file",
              "whoami",
              (verb, args, when) -> new ParseResult.Parsed(new Command.WhoAmI())),
          new Verb(
              "dashboard",
              List.of("web"),
              "dashboard",
              "a private one-time link to the web dashboard (queue, cases, reports, schedules)",
              "dashboard",
              (verb, args, when) -> new ParseResult.Parsed(new Command.Dashboard())),
          new Verb(
              "admin",
              List.of(),
              "admin show|set|unset|hours|holiday|reload …",
              "team schedules (admins only; `help admin` for details)",
              "admin set billing unclaimed.nudge_after 20m",
              AdminGrammar::admin),
          new Verb(
              "help",
              List.of("?", "commands"),
              "help [command]",
              "this list, or one command in detail",
              "help remind",
              AdminGrammar::help));

  private static final Map<String, Verb> BY_WORD = byWord();

  private Vocabulary() {}

  /** The verb a word names, by its name or an alias, in any case. */
  static Optional<Verb> find(String word) {
    return Optional.ofNullable(BY_WORD.get(word.toLowerCase(Locale.ROOT)));
  }

  private static Map<String, Verb> byWord() {
    Map<String, Verb> byWord = new HashMap<>();
    for (Verb v : ALL) {
      List<String> words = new ArrayList<>(v.aliases());
      words.add(v.name());
      for (String word : words) {
        if (byWord.put(word, v) != null) {
          throw new IllegalStateException("two verbs are called " + word);
        }
      }
    }
    return Map.copyOf(byWord);
  }
}
