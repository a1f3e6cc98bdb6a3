package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.CommandParser;
import dev.followupbot.core.command.CommandSpec;
import dev.followupbot.core.command.ParseResult;
import dev.followupbot.core.command.RemindHelp;
import dev.followupbot.core.domain.WorkingHours;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.when.WhenContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for every platform: a person's text (a slash command, a message to the bot, a
 * console line, or the command behind a clicked button) goes in, a reply comes out. Never throws
 * and never shows a stack trace: an unexpected failure becomes an apology with a reference that
 * matches the log line.
 */
public final class CommandRouter {

  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

  private final HomeService home;
  private final Directory directory;
  private final Clock clock;
  private final CommandHandlers handlers;

  public CommandRouter(
      CaseService cases,
      ReminderService reminders,
      HomeService home,
      ReportService reports,
      DigestService digests,
      AdminService admin,
      Directory directory,
      DashboardLinks dashboard,
      Clock clock) {
    this.home = home;
    this.directory = directory;
    this.clock = clock;
    this.handlers =
        new CommandHandlers()
            .on(Command.Help.class, (caller, c) -> help(c.topic()))
            .on(Command.NewCase.class, (caller, c) -> cases.open(caller, c))
            .on(Command.Claim.class, (caller, c) -> cases.claim(caller, c.ref()))
            .on(Command.Release.class, (caller, c) -> cases.release(caller, c.ref()))
            .on(Command.Assign.class, (caller, c) -> cases.assign(caller, c))
            .on(Command.Wait.class, (caller, c) -> cases.waitOnCustomer(caller, c))
            .on(Command.Resume.class, (caller, c) -> cases.resume(caller, c.ref()))
            .on(Command.Resolve.class, (caller, c) -> cases.resolve(caller, c))
            .on(Command.Reopen.class, (caller, c) -> cases.reopen(caller, c))
            .on(Command.Close.class, (caller, c) -> cases.close(caller, c.ref()))
            .on(Command.Show.class, (caller, c) -> cases.show(caller, c.ref()))
            .on(Command.ListCases.class, (caller, c) -> cases.list(caller, c.filter()))
            .on(Command.Progress.class, (caller, c) -> cases.progress(caller, c))
            .on(Command.Answered.class, (caller, c) -> cases.answered(caller, c))
            .on(Command.Csat.class, (caller, c) -> cases.csat(caller, c))
            .on(Command.Report.class, (caller, c) -> reports.report(caller, c.period()))
            .on(Command.Remind.class, (caller, c) -> reminders.remind(caller, c))
            .on(Command.RemindEvery.class, (caller, c) -> reminders.remindEvery(caller, c))
            .on(Command.ChooseWhen.class, (caller, c) -> reminders.choose(c))
            .on(Command.ListReminders.class, (caller, c) -> reminders.list(caller))
            .on(Command.Snooze.class, (caller, c) -> reminders.snooze(caller, c))
            .on(Command.Done.class, (caller, c) -> reminders.done(caller, c.reminder()))
            .on(Command.Cancel.class, (caller, c) -> reminders.cancel(caller, c.reminder()))
            .on(Command.Digest.class, (caller, c) -> digests.setPersonal(caller, c.on()))
            .on(Command.AdminShow.class, (caller, c) -> admin.show(caller, c.team()))
            .on(Command.AdminSet.class, (caller, c) -> admin.set(caller, c))
            .on(Command.AdminUnset.class, (caller, c) -> admin.unset(caller, c))
            .on(Command.AdminHours.class, (caller, c) -> admin.hours(caller, c))
            .on(Command.AdminHoliday.class, (caller, c) -> admin.holiday(caller, c))
            .on(Command.AdminReload.class, (caller, c) -> admin.reload(caller))
            .on(Command.WhoAmI.class, (caller, c) -> admin.whoAmI(caller))
            .on(Command.Dashboard.class, (caller, c) -> dashboard.answer(caller))
            .complete();
  }

  /**
   * The person's overview (Slack App Home, Teams personal tab). Never throws: a failure becomes a
   * short apology with a reference that matches the log line.
   */
  public Message home(Caller caller) {
    try {
      directory.remember(caller.asPerson());
      return home.home(caller);
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error(
          "home view failed ref={} tenant={} user={}", ref, caller.tenant(), caller.userId(), e);
      return Message.text(
          "Sorry, I couldn't load your overview (reference " + ref + "). Please try again soon.");
    }
  }

  private static final java.util.regex.Pattern REMIND =
      java.util.regex.Pattern.compile("(?i)\\s*(/?followup\\s+)?remind");

  /** The longest user id a person can be stored under. */
  static final int MAX_USER_ID = 200;

  static final String UNKNOWN_CALLER =
      "Sorry, I can't tell who is asking: that user id is not one I can work with.";

  public Reply handle(Caller caller, String text) {
    if (caller.userId().isBlank() || caller.userId().length() > MAX_USER_ID) {
      // No platform issues such ids; the people table could not hold this one.
      log.warn(
          "refused a command from a user id of {} chars in {}",
          caller.userId().length(),
          caller.tenant());
      return Reply.privately(UNKNOWN_CALLER);
    }
    try {
      directory.remember(caller.asPerson());
      ParseResult parsed = CommandParser.parse(text, whenContext(caller, text));
      if (parsed instanceof ParseResult.Invalid invalid) {
        return Reply.privately(invalid.problem());
      }
      return handlers.handle(caller, ((ParseResult.Parsed) parsed).command());
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error(
          "command failed ref={} tenant={} user={}", ref, caller.tenant(), caller.userId(), e);
      return Reply.privately(
          "Sorry, something went wrong on my side (reference "
              + ref
              + "). Please try again in a moment;"
              + " if it keeps happening, give your admin that reference.");
    }
  }

  /**
   * What times are read against: now in the caller's zone, their locale, and their working hours
   * (09:00 to 17:00, Monday to Friday, when they have set none).
   */
  private WhenContext whenContext(Caller caller, String text) {
    // Only a reminder's time needs the stored working hours; other commands skip the look-up.
    WorkingHours hours =
        text != null && REMIND.matcher(text).lookingAt()
            ? directory
                .person(caller.tenant(), caller.userId())
                .workingHours()
                .orElse(WhenContext.DEFAULT_HOURS)
            : WhenContext.DEFAULT_HOURS;
    return new WhenContext(clock.instant().atZone(caller.zone()), caller.locale(), hours);
  }

  /** Every form of {@code remind}, with an example each, and the rules for ambiguous phrases. */
  static Reply remindHelp() {
    StringBuilder order = new StringBuilder();
    for (RemindHelp.Form f : RemindHelp.ORDER) {
      order.append(order.length() == 0 ? "" : "\n").append(line(f));
    }
    StringBuilder when = new StringBuilder();
    for (RemindHelp.Form f : RemindHelp.WHEN) {
      when.append(when.length() == 0 ? "" : "\n").append(line(f));
    }
    StringBuilder repeats = new StringBuilder();
    for (RemindHelp.Form f : RemindHelp.REPEATS) {
      repeats.append(repeats.length() == 0 ? "" : "\n").append(line(f));
    }
    StringBuilder rules = new StringBuilder();
    for (String r : RemindHelp.RULES) {
      rules.append(rules.length() == 0 ? "" : "\n").append("• ").append(r);
    }
    CommandSpec spec = CommandSpec.named("remind").orElseThrow();
    return Reply.privately(
        Message.builder(spec.syntax() + ": " + spec.summary())
            .header("Reminders: `remind`")
            .section("`" + spec.syntax() + "`, with the time before or after the note:\n" + order)
            .section("*When*\n" + when)
            .section("*Repeating*\n" + repeats)
            .section("*Times of words*: " + RemindHelp.TIMES)
            .section("*Two readings, and refusals*\n" + rules)
            .context(
                "Example: `"
                    + spec.example()
                    + "`. Times are read in your time zone. The confirmation shows the weekday, the date and"
                    + " the time, and the other person's zone when it is not yours.")
            .build());
  }

  private static String line(RemindHelp.Form f) {
    return "• " + f.form() + ": `" + f.example() + "` (" + f.means() + ")";
  }

  static Reply help(Optional<String> topic) {
    if (topic.filter("admin"::equals).isPresent()) {
      String text =
          "`admin show [team]`: every team's schedules, with who changed what in chat\n"
              + "`admin set <team> <setting> <value>`: change a setting now, e.g."
              + " `admin set billing unclaimed.nudge_after 20m` or"
              + " `admin set billing digest \"0 0 9 ? * MON-FRI\"`\n"
              + "`admin unset <team> <setting>`: back to the file's value\n"
              + "`admin hours <team> mon-fri 09:00-17:00 [Europe/Berlin]`: business hours (and zone)\n"
              + "`admin holiday <team> [remove] 2026-12-25`: a day off\n"
              + "`admin reload`: re-read the configuration file";
      return Reply.privately(
          Message.builder("Admin commands: show, set, unset, hours, holiday, reload")
              .header("Admin commands (admins named in the configuration only)")
              .section(text)
              .context(
                  "Settings: "
                      + String.join(", ", dev.followupbot.core.config.AdminSettings.KEYS)
                      + ". Durations like 30s, 20m, 2h, 1d, or off.")
              .build());
    }
    if (topic.filter("remind"::equals).isPresent()) {
      return remindHelp();
    }
    if (topic.isPresent()) {
      Optional<CommandSpec> spec = CommandSpec.named(topic.get());
      if (spec.isPresent()) {
        CommandSpec s = spec.get();
        return Reply.privately(
            Message.builder(s.syntax() + ": " + s.summary())
                .section("`" + s.syntax() + "`: " + s.summary() + ".")
                .context("Example: `" + s.example() + "`")
                .build());
      }
    }
    StringBuilder lines = new StringBuilder();
    for (CommandSpec s : CommandSpec.ALL) {
      lines
          .append(lines.length() == 0 ? "" : "\n")
          .append("`")
          .append(s.syntax())
          .append("`: ")
          .append(s.summary());
    }
    return Reply.privately(
        Message.builder(
                "followup-bot commands: new, claim, release, assign, wait, resolve, reopen, remind,"
                    + " reminders, snooze, done, cancel, cases, csat, digest, dashboard, admin")
            .header("followup-bot keeps every case owned and followed up")
            .section(lines.toString())
            .context(
                "A case is a number (42 or #42) or a helpdesk reference. Times are yours: `in 15m`, `tomorrow 9am`, `monday 14:00`, `at 16:30`, `2026-12-01 10:00`.")
            .build());
  }
}
