package dev.followupbot.core.service;

import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.SupportTeams;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Button;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.ReminderRepository;
import dev.followupbot.core.team.Durations;
import dev.followupbot.core.team.SupportTeam;
import dev.followupbot.core.team.TeamPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A person's overview, for Slack's App Home and Teams' personal tab: their open cases (those whose
 * customer replied first, as waiting on them), their pending reminders and the unclaimed cases
 * waiting for someone, each with the buttons that act on it.
 */
public final class HomeService {

  /** Per list; three lists stay well inside Slack's 100 blocks for a Home tab. */
  static final int PER_LIST = 10;

  private final CaseRepository cases;
  private final ReminderRepository reminders;
  private final Directory directory;
  private final SupportTeams teams;
  private final Clock clock;

  public HomeService(
      CaseRepository cases,
      ReminderRepository reminders,
      Directory directory,
      SupportTeams teams,
      Clock clock) {
    this.cases = cases;
    this.reminders = reminders;
    this.directory = directory;
    this.teams = teams;
    this.clock = clock;
  }

  public Message home(Caller caller) {
    Instant now = clock.instant();
    Function<String, String> names =
        id -> id.equals(caller.userId()) ? "you" : directory.name(caller.tenant(), id);
    List<SupportCase> mine =
        cases.list(
            caller.tenant(),
            EnumSet.of(CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER),
            Optional.of(caller.userId()),
            PER_LIST + 1);
    List<Reminder> pending = reminders.active(caller.tenant(), caller.userId(), PER_LIST + 1);
    List<SupportCase> unclaimed =
        cases.list(
            caller.tenant(), EnumSet.of(CaseStatus.UNCLAIMED), Optional.empty(), PER_LIST + 1);

    Message.Builder b =
        Message.builder(
            "Your followup-bot home: "
                + count(mine, "open case")
                + ", "
                + count(pending, "reminder")
                + ", "
                + count(unclaimed, "unclaimed case")
                + ".");

    b.header("Your open cases");
    if (mine.isEmpty()) {
      b.section("You own no open cases. Claim one below, or open one with `new <subject>`.");
    }
    // Cases whose customer wrote last wait on their owner: they come first, and say so.
    java.util.Set<Long> yourTurn = new java.util.HashSet<>();
    for (SupportCase c : mine) {
      if (c.status() == CaseStatus.CLAIMED && customerWroteLast(c)) {
        yourTurn.add(c.id());
      }
    }
    mine =
        mine.stream()
            .sorted(java.util.Comparator.comparing((SupportCase c) -> !yourTurn.contains(c.id())))
            .toList();
    for (SupportCase c : limit(mine)) {
      String n = Integer.toString(c.number());
      b.section(
          (yourTurn.contains(c.id()) ? "💬 *Waiting on you:* the customer replied. " : "")
              + CaseViews.line(c, names, now));
      b.actions(
          List.of(
              Button.primary("Resolve", "resolve " + n),
              Button.of("Release", "release " + n),
              Button.of("Open case", "show " + n)));
    }
    more(b, mine, "`cases mine` lists them all.");

    b.divider().header("Your reminders");
    if (pending.isEmpty()) {
      b.section("No pending reminders. Set one with `remind <when> <note>`.");
    }
    for (Reminder r : limit(pending)) {
      String n = Integer.toString(r.number());
      Optional<SupportCase> about = r.caseId().flatMap(id -> cases.findById(caller.tenant(), id));
      b.section(ReminderViews.line(r, about, caller.zone(), now));
      List<Button> buttons =
          new java.util.ArrayList<>(
              List.of(
                  Button.primary("Done", "done " + n),
                  Button.of("Snooze 1 h", "snooze " + n + " 1h"),
                  Button.of("Tomorrow 9:00", "snooze " + n + " tomorrow 9am")));
      about.ifPresent(c -> buttons.add(Button.of("Open case", "show " + c.number())));
      b.actions(buttons);
    }
    more(b, pending, "`reminders` lists them all.");

    b.divider().header("Unclaimed cases");
    if (unclaimed.isEmpty()) {
      b.section("Every case has an owner. Nice.");
    }
    for (SupportCase c : limit(unclaimed)) {
      String n = Integer.toString(c.number());
      b.section(CaseViews.line(c, names, now));
      b.actions(
          List.of(Button.primary("Claim", "claim " + n), Button.of("Open case", "show " + n)));
    }
    more(b, unclaimed, "`cases unclaimed` lists them all.");

    List<SupportTeam> administered =
        teams.configured().stream()
            .filter(t -> teams.isAdmin(caller.ref(), Optional.of(t)))
            .toList();
    if (!administered.isEmpty()) {
      b.divider().header("Teams you look after");
      for (SupportTeam t : administered.subList(0, Math.min(administered.size(), 5))) {
        b.section(schedule(t));
      }
      b.actions(List.of(Button.of("Show all settings", "admin show")));
    }

    b.context(
        "Updated "
            + TimeFormats.when(now, caller.zone(), now)
            + " ("
            + caller.zone().getId()
            + "). `help` lists every command.");
    return b.build();
  }

  private boolean customerWroteLast(SupportCase c) {
    List<dev.followupbot.core.domain.CaseEvent> history = cases.history(c.tenant(), c.id());
    return !history.isEmpty()
        && history.get(history.size() - 1).action()
            == dev.followupbot.core.domain.CaseAction.CUSTOMER_REPLIED;
  }

  /** "Billing: mon-fri 09:00-17:00 Europe/Berlin · nudge after 15m · digest weekdays 9:00". */
  private static String schedule(SupportTeam t) {
    TeamPolicy p = t.policy();
    return t.label()
        + ": "
        + p.calendar().describe()
        + p.quietHours().map(q -> " · quiet " + q.format()).orElse("")
        + " · unclaimed nudge "
        + p.unclaimed().nudgeAfter().map(d -> "after " + Durations.format(d)).orElse("off")
        + " · stale nudge "
        + p.stale().after().map(d -> "after " + Durations.format(d)).orElse("off")
        + " · team digest "
        + p.digest().team().map(c -> "\"" + c.expression() + "\"").orElse("off");
  }

  private static <T> List<T> limit(List<T> items) {
    return items.subList(0, Math.min(items.size(), PER_LIST));
  }

  private static void more(Message.Builder b, List<?> items, String hint) {
    if (items.size() > PER_LIST) {
      b.context("Showing " + PER_LIST + ". " + hint);
    }
  }

  private static String count(List<?> items, String noun) {
    int n = Math.min(items.size(), PER_LIST);
    String shown = items.size() > PER_LIST ? PER_LIST + "+" : Integer.toString(n);
    return shown + " " + noun + (n == 1 && items.size() <= PER_LIST ? "" : "s");
  }
}
