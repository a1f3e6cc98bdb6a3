package dev.followupbot.core.command;

import dev.followupbot.core.domain.Priority;
import java.time.Instant;
import java.util.Optional;

/** Everything a person can ask followup-bot to do, the same on every platform. */
public sealed interface Command {

  record Help(Optional<String> topic) implements Command {}

  record NewCase(
      String subject, Optional<String> customer, Priority priority, Optional<String> externalRef)
      implements Command {}

  record Claim(CaseRef ref) implements Command {}

  record Release(CaseRef ref) implements Command {}

  record Assign(CaseRef ref, UserMention assignee, Optional<String> reason) implements Command {}

  record Wait(CaseRef ref, Optional<Instant> until) implements Command {}

  record Resume(CaseRef ref) implements Command {}

  record Resolve(CaseRef ref, Optional<String> note) implements Command {}

  record Reopen(CaseRef ref, Optional<String> reason) implements Command {}

  record Close(CaseRef ref) implements Command {}

  record Show(CaseRef ref) implements Command {}

  /**
   * A one-off reminder: for the caller, for {@code recipient}, or posted in {@code channel} (then
   * there is no recipient).
   */
  record Remind(
      Optional<UserMention> recipient,
      Optional<CaseRef> ref,
      Instant due,
      Optional<String> note,
      Optional<ChannelMention> channel)
      implements Command {
    public Remind(
        Optional<UserMention> recipient,
        Optional<CaseRef> ref,
        Instant due,
        Optional<String> note) {
      this(recipient, ref, due, note, Optional.empty());
    }
  }

  /** A repeating reminder: each occurrence of {@code rule} is delivered once. */
  record RemindEvery(
      Optional<UserMention> recipient,
      Optional<CaseRef> ref,
      dev.followupbot.core.domain.Recurrence rule,
      boolean skipHolidays,
      Optional<String> note,
      Optional<ChannelMention> channel)
      implements Command {
    public RemindEvery(
        Optional<UserMention> recipient,
        Optional<CaseRef> ref,
        dev.followupbot.core.domain.Recurrence rule,
        boolean skipHolidays,
        Optional<String> note) {
      this(recipient, ref, rule, skipHolidays, note, Optional.empty());
    }
  }

  /**
   * A reminder whose time has two readings ({@code at 5}, {@code 12/11}): nothing is set; the
   * person is offered each reading, and each option's command sets the reminder with only that one.
   */
  record ChooseWhen(String why, java.util.List<WhenOption> options) implements Command {
    public ChooseWhen {
      options = java.util.List.copyOf(options);
    }
  }

  /** One reading of an ambiguous time: how it is shown, and the command that sets it. */
  record WhenOption(String label, String command) {}

  record ListReminders() implements Command {}

  record Snooze(int reminder, Instant until) implements Command {}

  record Done(int reminder) implements Command {}

  record Cancel(int reminder) implements Command {}

  record ListCases(CaseFilter filter) implements Command {}

  record Progress(CaseRef ref, Optional<String> note) implements Command {}

  record Answered(CaseRef ref, Optional<String> note) implements Command {}

  record Csat(CaseRef ref, int score, Optional<String> comment) implements Command {}

  record Report(ReportPeriod period) implements Command {}

  record Digest(boolean on) implements Command {}

  record AdminShow(Optional<String> team) implements Command {}

  record AdminSet(String team, String setting, String value) implements Command {}

  record AdminUnset(String team, String setting) implements Command {}

  record AdminHours(String team, String hours, Optional<String> zone) implements Command {}

  record AdminHoliday(String team, java.time.LocalDate date, boolean remove) implements Command {}

  record AdminReload() implements Command {}

  record WhoAmI() implements Command {}

  record Dashboard() implements Command {}

  /** How far back {@code cases report} looks. */
  enum ReportPeriod {
    WEEK,
    MONTH
  }

  /** Which cases {@code cases} lists. */
  enum CaseFilter {
    OPEN,
    MINE,
    UNCLAIMED,
    RESOLVED,
    ALL
  }
}
