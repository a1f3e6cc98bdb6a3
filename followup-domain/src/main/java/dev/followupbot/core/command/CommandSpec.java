package dev.followupbot.core.command;

import java.util.List;
import java.util.Optional;

/** How one command is written, what it does, and an example: the source of help and usage lines. */
public record CommandSpec(String name, String syntax, String summary, String example) {

  /** Every command, in the order {@code help} lists them. */
  public static final List<CommandSpec> ALL =
      List.of(
          new CommandSpec(
              "new",
              "new <subject> [for <customer>] [!urgent|!high|!low] [ref:<id>]",
              "open a case in this channel",
              "new \"Refund for Acme\" for Dana !high"),
          new CommandSpec("claim", "claim <case>", "take an unclaimed case", "claim 42"),
          new CommandSpec(
              "release", "release <case>", "give your case back to the team", "release 42"),
          new CommandSpec(
              "assign",
              "assign <case> <@person> [reason]",
              "hand a case to someone, with a reason",
              "assign 42 @dana she knows the account"),
          new CommandSpec(
              "wait",
              "wait <case> [until <when>]",
              "you answered; wait on the customer (optionally until a time)",
              "wait 42 until friday 10am"),
          new CommandSpec(
              "resume", "resume <case>", "the customer is back: work on it again", "resume 42"),
          new CommandSpec(
              "progress",
              "progress <case> [note]",
              "you're still on it (resets the quiet-case nudge)",
              "progress 42 waiting for finance"),
          new CommandSpec(
              "answered",
              "answered <case> [note]",
              "you answered the customer (the first time, that's the first response)",
              "answered 42 sent the refund form"),
          new CommandSpec(
              "resolve", "resolve <case> [note]", "mark a case solved", "resolve 42 refund sent"),
          new CommandSpec(
              "reopen",
              "reopen <case> [reason]",
              "bring a solved case back",
              "reopen 42 customer replied"),
          new CommandSpec("close", "close <case>", "file a resolved case away", "close 42"),
          new CommandSpec("show", "show <case>", "a case's details and history", "show 42"),
          new CommandSpec(
              "cases",
              "cases [open|mine|unclaimed|resolved|all]",
              "list cases (open by default)",
              "cases mine"),
          new CommandSpec(
              "report",
              "cases report [week|month]",
              "the team's numbers: time to claim, first response, resolution, SLA, CSAT",
              "cases report week"),
          new CommandSpec(
              "csat",
              "csat <case> <1-5> [comment]",
              "record the customer's satisfaction",
              "csat 42 5 quick and friendly"),
          new CommandSpec(
              "remind",
              "remind [@person] [<case>] <when> [note]",
              "set a follow-up reminder",
              "remind 42 tomorrow 9am call Dana back"),
          new CommandSpec("reminders", "reminders", "your pending reminders", "reminders"),
          new CommandSpec(
              "snooze", "snooze <reminder> <duration|when>", "push a reminder back", "snooze 7 1h"),
          new CommandSpec("done", "done <reminder>", "mark a reminder done", "done 7"),
          new CommandSpec("cancel", "cancel <reminder>", "cancel a reminder", "cancel 7"),
          new CommandSpec(
              "digest",
              "digest on|off",
              "your 9:00 morning summary of open cases and today's follow-ups",
              "digest off"),
          new CommandSpec(
              "whoami",
              "whoami",
              "your id, this channel's id and team, for the configuration file",
              "whoami"),
          new CommandSpec(
              "dashboard",
              "dashboard",
              "a private one-time link to the web dashboard (queue, cases, reports, schedules)",
              "dashboard"),
          new CommandSpec(
              "admin",
              "admin show|set|unset|hours|holiday|reload …",
              "team schedules (admins only; `help admin` for details)",
              "admin set billing unclaimed.nudge_after 20m"),
          new CommandSpec(
              "help", "help [command]", "this list, or one command in detail", "help remind"));

  public static Optional<CommandSpec> named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  /** "Usage: `claim <case>` — e.g. `claim 42`". */
  public String usage() {
    return "Usage: `" + syntax + "`, for example `" + example + "`.";
  }
}
