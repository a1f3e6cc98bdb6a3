package dev.followupbot.core.service;

import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.Person;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderChannel;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every sentence a person in chat reads about their reminders: what was set and when it is due in
 * their time and the recipient's, the list, and what became of a snooze, done or cancel.
 */
final class ReminderReplies {

  /** A reminder in a person's list, with its case and how its series repeats, if it does. */
  record Listed(Reminder reminder, Optional<SupportCase> about, Optional<String> repeats) {}

  private final Directory directory;

  ReminderReplies(Directory directory) {
    this.directory = directory;
  }

  Reply unknownRecipient(String display) {
    return Reply.privately(
        "I don't know "
            + display
            + " yet. Mention them with @ so your chat app fills in who they are.");
  }

  /**
   * The reminder {@code stored} is set for {@code recipient}; {@code unreachable} if the chat app
   * says the bot cannot write to them yet.
   */
  Reply set(
      Caller caller,
      Person recipient,
      Reminder stored,
      Optional<SupportCase> about,
      boolean unreachable,
      Instant now) {
    boolean self = recipient.userId().equals(caller.userId());
    String whom = self ? "you" : recipient.displayName();
    String when = TimeFormats.onDayAt(stored.dueAt(), caller.zone(), now);
    String theirTime =
        self || recipient.zone().equals(caller.zone())
            ? ""
            : " your time, "
                + TimeFormats.theirs(stored.dueAt(), caller.zone(), recipient.zone(), now)
                + " their time in "
                + recipient.zone().getId();
    String what =
        about.map(c -> " about " + CaseViews.title(c)).orElse("")
            + stored.note().map(n -> ": " + n).orElse("");
    return Reply.privately(
            "Okay, I'll remind "
                + whom
                + " "
                + when
                + theirTime
                + " ("
                + TimeFormats.dayWord(stored.dueAt(), caller.zone(), now)
                    .map(d -> d + ", ")
                    .orElse("")
                + TimeFormats.relative(stored.dueAt(), now)
                + ")"
                + what
                + ". It's reminder "
                + stored.number()
                + "."
                + (!unreachable ? "" : self ? unreachableSelf() : unreachable(recipient)))
        .withUpdate(
            Message.text(
                "Set: reminder "
                    + stored.number()
                    + " "
                    + when
                    + stored.note().map(n -> ": " + n).orElse("")
                    + "."));
  }

  private static String unreachableSelf() {
    return " Heads-up: reminders reach you in a direct chat with me, and I can't write"
        + " to you there yet. Open followup-bot from Apps once before it's due, so"
        + " I can.";
  }

  private static String unreachable(Person recipient) {
    return " Heads-up: I can't send "
        + recipient.displayName()
        + " messages yet, so it would fail. Ask them to open a chat with me"
        + " (in Teams: install the followup-bot app) before it's due.";
  }

  Reply channelUnknown(String display) {
    return Reply.privately(
        "I can't tell which channel "
            + display
            + " is from here. Type the command in that channel, or mention the channel so your"
            + " chat app links it, e.g. `remind #support every monday 9am check the queue`.");
  }

  /** The one-off reminder {@code stored} is set to be posted in {@code where}. */
  Reply setInChannel(
      Caller caller,
      ReminderChannel where,
      ZoneId teamZone,
      Reminder stored,
      Optional<SupportCase> about,
      Instant now) {
    String when = TimeFormats.onDayAt(stored.dueAt(), caller.zone(), now);
    String teamTime =
        teamZone.equals(caller.zone())
            ? ""
            : " your time, "
                + TimeFormats.theirs(stored.dueAt(), caller.zone(), teamZone, now)
                + " in "
                + teamZone.getId();
    return Reply.privately(
            "Okay, I'll post in "
                + where.label()
                + " "
                + when
                + teamTime
                + " ("
                + TimeFormats.relative(stored.dueAt(), now)
                + ")"
                + about.map(c -> " about " + CaseViews.title(c)).orElse("")
                + stored.note().map(n -> ": " + n).orElse("")
                + ". It's reminder "
                + stored.number()
                + "; you or an admin can `cancel "
                + stored.number()
                + "`.")
        .withUpdate(
            Message.text(
                "Set: reminder "
                    + stored.number()
                    + " in "
                    + where.label()
                    + " "
                    + when
                    + stored.note().map(n -> ": " + n).orElse("")
                    + "."));
  }

  /** The series of {@code stored}, its first occurrence, is set to post in {@code where}. */
  Reply seriesSetInChannel(
      Caller caller,
      ReminderChannel where,
      ZoneId teamZone,
      Command.RemindEvery command,
      Reminder stored,
      Optional<SupportCase> about,
      Instant now) {
    return Reply.privately(
        "Okay, I'll post in "
            + where.label()
            + " "
            + command.rule().describe()
            + (teamZone.equals(caller.zone()) ? "" : " " + teamZone.getId() + " time")
            + (command.skipHolidays() ? ", skipping the team's holidays" : "")
            + ", first "
            + TimeFormats.onDayAt(stored.dueAt(), teamZone, now)
            + " ("
            + TimeFormats.relative(stored.dueAt(), now)
            + ")"
            + about.map(c -> " about " + CaseViews.title(c)).orElse("")
            + stored.note().map(n -> ": " + n).orElse("")
            + ". It's reminder "
            + stored.number()
            + "; `cancel "
            + stored.number()
            + "` (you or an admin) ends the series.");
  }

  Reply noDayFor(Command.RemindEvery command) {
    return Reply.privately(
        "I can't find a day for \""
            + command.rule().describe()
            + "\" in the next three years, so I haven't set anything.");
  }

  /** The series of {@code stored}, its first occurrence, is set for {@code recipient}. */
  Reply seriesSet(
      Caller caller,
      Person recipient,
      Command.RemindEvery command,
      Reminder stored,
      Optional<SupportCase> about,
      Instant now) {
    ZoneId zone = recipient.zone();
    boolean self = recipient.userId().equals(caller.userId());
    return Reply.privately(
        "Okay, I'll remind "
            + (self ? "you" : recipient.displayName())
            + " "
            + command.rule().describe()
            + (zone.equals(caller.zone()) ? "" : " " + zone.getId() + " time")
            + (command.skipHolidays() ? ", skipping the team's holidays" : "")
            + ", first "
            + TimeFormats.onDayAt(stored.dueAt(), zone, now)
            + " ("
            + TimeFormats.relative(stored.dueAt(), now)
            + ")"
            + about.map(c -> " about " + CaseViews.title(c)).orElse("")
            + stored.note().map(n -> ": " + n).orElse("")
            + ". It's reminder "
            + stored.number()
            + "; `cancel "
            + stored.number()
            + "` ends the series.");
  }

  /**
   * A reminder whose time has two readings: nothing is set; each reading is a button whose command
   * sets the reminder at that reading only. The click's reply replaces the question.
   */
  Reply choose(Command.ChooseWhen command) {
    List<Button> buttons = new ArrayList<>();
    for (Command.WhenOption o : command.options()) {
      buttons.add(Button.of(o.label(), o.command()));
    }
    String labels =
        String.join(" or ", command.options().stream().map(Command.WhenOption::label).toList());
    return Reply.privately(
        Message.builder("Which time did you mean: " + labels + "? I haven't set anything yet.")
            .section(
                capitalised(command.why()) + ", so I haven't set anything yet. Which did you mean?")
            .actions(buttons)
            .context("Next time say it in full, e.g. `at 5pm`, `at 05:00` or `2026-12-11`.")
            .build());
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The first of a person's {@code count} active reminders, or that there are none. */
  Reply list(List<Listed> shown, int count, ZoneId zone, Instant now) {
    if (shown.isEmpty()) {
      return Reply.privately("You have no pending reminders. Set one with `remind <when> <note>`.");
    }
    StringBuilder lines = new StringBuilder();
    for (Listed listed : shown) {
      lines
          .append(lines.length() == 0 ? "" : "\n")
          .append(ReminderViews.line(listed.reminder(), listed.about(), zone, now))
          .append(listed.repeats().map(rule -> " · repeats " + rule).orElse(""));
    }
    return Reply.privately(
        Message.builder("Your reminders: " + count)
            .header("Your reminders")
            .section(lines.toString())
            .context("`done <n>`, `snooze <n> 1h` or `cancel <n>` (which ends a series).")
            .build());
  }

  /**
   * What the caller is told about {@code outcome} of their {@code verb} on reminder {@code number};
   * {@code about} is the changed reminder's case, for its message as it is afterwards.
   */
  Reply outcome(
      Caller caller,
      int number,
      ReminderBook.Verb verb,
      ReminderChange outcome,
      Optional<SupportCase> about,
      Instant now) {
    if (outcome instanceof ReminderChange.Changed changed) {
      return changed(caller, verb, changed, about, now);
    }
    if (outcome instanceof ReminderChange.SeriesEnded ended) {
      return Reply.privately("Ended the series of reminder " + number + " (" + ended.rule() + ").");
    }
    if (outcome instanceof ReminderChange.NotYours notYours
        && notYours.current().channel().isPresent()) {
      Reminder r = notYours.current();
      return Reply.privately(
          "Reminder "
              + number
              + " posts in "
              + r.channel().get().label()
              + "; only "
              + directory.name(caller.tenant(), r.creatorId())
              + ", who set it, or an admin of its team can "
              + words(verb)
              + ".");
    }
    if (outcome instanceof ReminderChange.NotYours notYours) {
      String owner = directory.name(caller.tenant(), notYours.current().recipientId());
      return Reply.privately(
          "Reminder "
              + number
              + " is "
              + owner
              + "'s; only "
              + owner
              + (verb.recipientOnly ? "" : " or whoever set it")
              + " can "
              + words(verb)
              + ".");
    }
    if (outcome instanceof ReminderChange.Finished finished) {
      return Reply.privately(
          "Reminder " + number + " is already " + finished.current().status().label() + ".");
    }
    if (outcome instanceof ReminderChange.Missing) {
      return Reply.privately("I can't find reminder " + number + ". `reminders` lists yours.");
    }
    return Reply.privately("Reminder " + number + " just changed. Please try again.");
  }

  private static String words(ReminderBook.Verb verb) {
    switch (verb) {
      case SNOOZE:
        return "snooze it";
      case DONE:
        return "mark it done";
      default:
        return "cancel it";
    }
  }

  private static Reply changed(
      Caller caller,
      ReminderBook.Verb verb,
      ReminderChange.Changed changed,
      Optional<SupportCase> about,
      Instant now) {
    Reminder after = changed.after();
    String reply;
    String symbol;
    String summary;
    if (verb == ReminderBook.Verb.SNOOZE) {
      String until = TimeFormats.when(after.dueAt(), caller.zone(), now);
      reply =
          "Snoozed reminder "
              + after.number()
              + " until "
              + until
              + " ("
              + TimeFormats.relative(after.dueAt(), now)
              + ").";
      symbol = "💤";
      summary = "Snoozed by " + caller.displayName() + " until " + until + ".";
    } else if (verb == ReminderBook.Verb.DONE) {
      reply = "Marked reminder " + after.number() + " done. Thanks!";
      symbol = "✅";
      summary =
          "Done, marked by "
              + caller.displayName()
              + " at "
              + TimeFormats.when(now, caller.zone(), now)
              + ".";
    } else {
      reply =
          "Cancelled reminder "
              + after.number()
              + changed.endedSeries().map(rule -> " and ended its series (" + rule + ")").orElse("")
              + ".";
      symbol = "✖";
      summary =
          "Cancelled by "
              + caller.displayName()
              + " at "
              + TimeFormats.when(now, caller.zone(), now)
              + ".";
    }
    return Reply.privately(reply).withUpdate(ReminderViews.handled(after, about, symbol, summary));
  }
}
