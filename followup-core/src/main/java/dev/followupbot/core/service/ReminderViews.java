package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.ReminderKind;
import dev.followupbot.core.domain.ReminderStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** How reminders look when they arrive and when they are listed. */
final class ReminderViews {

  /** Later than this counts as late even while the bot was running (it was busy). */
  static final Duration LATE = Duration.ofMinutes(1);

  private ReminderViews() {}

  /**
   * The message a reminder's recipient gets when it comes due. {@code runningSince} is when this
   * process started: a reminder due before that came due while the bot was offline, and says so.
   */
  static Message due(
      Reminder r,
      Optional<SupportCase> about,
      Function<String, String> nameOf,
      ZoneId zone,
      Instant now,
      Instant runningSince,
      List<CaseEvent> history) {
    String n = Integer.toString(r.number());
    String headline;
    if (r.kind() == ReminderKind.CHECK_IN) {
      headline =
          "Time to check in with "
              + about.flatMap(SupportCase::customer).orElse("the customer")
              + " about "
              + about.map(CaseViews::title).orElse("a solved case")
              + about
                  .flatMap(SupportCase::resolvedAt)
                  .map(at -> ": it was resolved " + TimeFormats.relative(at, now) + ".")
                  .orElse(".");
    } else if (r.kind() == ReminderKind.WAIT_OVER) {
      headline =
          "Time to check on "
              + about.map(CaseViews::title).orElse("your case")
              + ": you were waiting on the customer until "
              + TimeFormats.when(r.dueAt(), zone, now)
              + ".";
    } else {
      headline =
          "Reminder: "
              + r.note()
                  .orElse(
                      about
                          .map(c -> "follow up on " + CaseViews.title(c))
                          .orElseGet(
                              () ->
                                  r.channel().isPresent()
                                      ? nameOf.apply(r.creatorId()) + " asked me to remind you now"
                                      : "you asked me to remind you now"));
    }
    StringBuilder fallback = new StringBuilder("⏰ ").append(headline);
    List<String> details = new ArrayList<>();
    about.ifPresent(c -> details.add("Case " + CaseViews.line(c, nameOf, now)));
    if (r.kind() == ReminderKind.WAIT_OVER) {
      r.note().ifPresent(note -> details.add("Note: " + note));
    }
    if (r.kind() == ReminderKind.CHECK_IN && !history.isEmpty()) {
      StringBuilder story = new StringBuilder("How it went: ");
      int from = Math.max(0, history.size() - 6);
      for (int i = from; i < history.size(); i++) {
        CaseEvent e = history.get(i);
        story
            .append(i == from ? "" : " · ")
            .append(e.action().label())
            .append(" by ")
            .append(nameOf.apply(e.actorId()))
            .append(' ')
            .append(TimeFormats.when(e.at(), zone, now));
      }
      details.add(story.toString());
      about.ifPresent(
          c ->
              details.add(
                  "Once you've heard from them, record how satisfied they were with `csat "
                      + c.number()
                      + " <1-5>`."));
    }
    Duration late = Duration.between(r.dueAt(), now);
    boolean whileOffline = r.dueAt().isBefore(runningSince);
    String lateNote = "";
    if (whileOffline || late.compareTo(LATE) > 0) {
      lateNote =
          "Late: this was due "
              + TimeFormats.when(r.dueAt(), zone, now)
              + ", "
              + TimeFormats.span(late)
              + " ago, "
              + (whileOffline ? "while I was offline" : "and I was busy")
              + ". Sorry for the delay.";
      fallback.append(" (late: due ").append(TimeFormats.when(r.dueAt(), zone, now)).append(")");
    }
    String setBy =
        r.creatorId().equals(r.recipientId()) && r.channel().isEmpty()
            ? "you"
            : nameOf.apply(r.creatorId());
    List<Button> buttons = new ArrayList<>();
    buttons.add(Button.primary("Done", "done " + n));
    buttons.add(Button.of("Snooze 20 min", "snooze " + n + " 20m"));
    buttons.add(Button.of("1 h", "snooze " + n + " 1h"));
    buttons.add(Button.of("3 h", "snooze " + n + " 3h"));
    buttons.add(Button.of("Tomorrow 9:00", "snooze " + n + " tomorrow 9am"));
    buttons.add(Button.of("Next Monday 9:00", "snooze " + n + " next monday 9am"));
    about.ifPresent(c -> buttons.add(Button.of("Open case", "show " + c.number())));
    r.link().ifPresent(link -> buttons.add(Button.link("Open message", link)));
    Message.Builder built = Message.builder(fallback.toString()).section("⏰ " + headline);
    details.forEach(built::section);
    if (!lateNote.isEmpty()) {
      built.context(lateNote);
    }
    built.actions(buttons);
    built.context(
        "Reminder "
            + n
            + " · set by "
            + setBy
            + " · "
            + (r.snoozeCount() > 0 ? "snoozed " + r.snoozeCount() + "× · " : "")
            + "due "
            + TimeFormats.when(r.dueAt(), zone, now));
    return built.build();
  }

  /**
   * An occurrence of a repeating reminder: its buttons also stop the series ({@code cancel} ends a
   * series), and it says how it repeats. Done and Snooze act on this occurrence only.
   */
  static Message inSeries(Message due, Reminder r, String rule) {
    List<dev.followupbot.core.message.Block> blocks = new ArrayList<>();
    for (dev.followupbot.core.message.Block b : due.blocks()) {
      if (b instanceof dev.followupbot.core.message.Block.Actions actions) {
        List<Button> buttons = new ArrayList<>(actions.buttons());
        buttons.add(new Button("Stop series", "cancel " + r.number(), Button.Style.DANGER));
        blocks.add(new dev.followupbot.core.message.Block.Actions(buttons));
        blocks.add(
            new dev.followupbot.core.message.Block.Context(
                "Repeats " + rule + ". Done and Snooze are for this time only."));
      } else {
        blocks.add(b);
      }
    }
    return new Message(due.fallbackText(), blocks);
  }

  /**
   * What a delivered reminder says once someone acted on it from its buttons: what it was about,
   * and what happened, by whom and when, instead of the buttons.
   */
  static Message handled(Reminder r, Optional<SupportCase> about, String symbol, String outcome) {
    String headline =
        symbol
            + " Reminder "
            + r.number()
            + ": "
            + r.note()
                .orElse(
                    about
                        .map(c -> "follow up on " + CaseViews.title(c))
                        .orElse(
                            r.kind() == ReminderKind.WAIT_OVER
                                ? "check on the customer"
                                : "(no note)"));
    Message.Builder b = Message.builder(headline + " (" + outcome + ")").section(headline);
    b.context(outcome);
    List<Button> buttons = new ArrayList<>();
    about.ifPresent(c -> buttons.add(Button.of("Open case", "show " + c.number())));
    r.link().ifPresent(link -> buttons.add(Button.link("Open message", link)));
    b.actions(buttons);
    return b.build();
  }

  /** "3 · tomorrow 09:00 · #42 · call Dana back". */
  static String line(Reminder r, Optional<SupportCase> about, ZoneId zone, Instant now) {
    StringBuilder s =
        new StringBuilder()
            .append(r.number())
            .append(" · ")
            .append(TimeFormats.when(r.dueAt(), zone, now));
    if (r.status() == ReminderStatus.DELIVERED) {
      s.append(" (delivered, not done)");
    }
    about.ifPresent(c -> s.append(" · #").append(c.number()));
    r.channel().ifPresent(where -> s.append(" · in ").append(where.label()));
    s.append(" · ")
        .append(
            r.note()
                .orElse(
                    r.kind() == ReminderKind.WAIT_OVER ? "check on the customer" : "(no note)"));
    return s.toString();
  }
}
