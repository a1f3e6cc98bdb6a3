package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.config.AdminSettings;
import dev.followupbot.core.port.TeamOverrides;
import dev.followupbot.core.schedule.DailyHours;
import dev.followupbot.core.schedule.WeeklyHours;
import dev.followupbot.core.service.AdminService;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.SettingsOutcome;
import dev.followupbot.core.team.Durations;
import dev.followupbot.core.team.EscalationAction;
import dev.followupbot.core.team.EscalationStep;
import dev.followupbot.core.team.SupportTeam;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Schedules: every setting {@code admin set} takes, for one team, in a form. Business hours are a
 * week of days, holidays a list of dates, the escalation chain a list of steps. Saving goes through
 * the same check and change as {@code admin set}: recorded in {@code admin_changes}, in force at
 * once, shown by {@code admin show}; a bad value is a field error and nothing changes.
 */
public final class SchedulesPage {

  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  static final int EXTRA_STEPS = 2;

  public record Field(String key, String value, String error) {}

  public record Day(String key, String label, boolean open, String from, String to) {}

  public record Step(int index, String after, String action, String to) {}

  public record Change(String when, String who, String setting, String from, String to) {}

  public record View(
      Chrome chrome,
      List<QueuePage.Option> teams,
      String team,
      boolean editable,
      List<Field> fields,
      boolean always,
      List<Day> days,
      List<String> holidays,
      List<Step> steps,
      List<String> actions,
      Map<String, String> errors,
      Map<String, String> was,
      List<Change> audit) {}

  private final FollowupCore core;
  private final Pages pages;
  private final Clock clock;

  SchedulesPage(FollowupCore core, Pages pages, Clock clock) {
    this.core = core;
    this.pages = pages;
    this.clock = clock;
  }

  void page(Viewer viewer, Map<String, String[]> query, HttpServletResponse response)
      throws IOException {
    List<SupportTeam> teams = teams(viewer);
    if (teams.isEmpty()) {
      throw new DashboardProblem(
          403,
          "For leads and admins",
          "Schedules are for the leads and admins named in the configuration file.");
    }
    String id = QueuePage.single(query, "team").orElse(teams.get(0).id());
    SupportTeam team = find(teams, id);
    pages.write(
        response,
        200,
        "schedules.jte",
        view(viewer, team, Chrome.of("Schedules", "schedules", viewer), Map.of()));
  }

  void save(Viewer viewer, String teamId, FormBody form, HttpServletResponse response)
      throws IOException {
    SupportTeam team = find(teams(viewer), teamId);
    Map<String, String> wanted = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (String key : textKeys()) {
      Optional<String> value = form.get("s." + key).map(String::strip);
      if (value.isPresent() && !value.get().equals(form.get("was." + key).orElse(""))) {
        if (value.get().isEmpty() || value.get().length() > 500) {
          errors.put(key, "give a value of at most 500 characters");
        }
        wanted.put(key, value.get());
      }
    }
    ScheduleForm.readComposed(form, wanted, errors);
    Caller caller = viewer.caller("dashboard");
    Chrome chrome = Chrome.of("Schedules", "schedules", viewer);
    if (errors.isEmpty() && wanted.isEmpty()) {
      pages.write(
          response,
          200,
          "schedules.jte",
          view(viewer, team, chrome.withNotice("Nothing to change.", false), Map.of()));
      return;
    }
    if (errors.isEmpty()) {
      // Each value on its own first, so the page can say which field is wrong.
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        SettingsOutcome one =
            core.admin().check(caller, team.id(), Map.of(e.getKey(), e.getValue()));
        if (one instanceof SettingsOutcome.Refused refused) {
          errors.put(e.getKey(), refused.message());
        }
      }
    }
    if (errors.isEmpty()) {
      SettingsOutcome outcome = core.admin().change(caller, team.id(), wanted);
      if (outcome instanceof SettingsOutcome.Applied applied) {
        pages.write(
            response,
            200,
            "schedules.jte",
            view(viewer, teamNow(team), chrome.withNotice(applied.message(), false), Map.of()));
        return;
      }
      errors.put("", outcome.message());
    }
    pages.write(
        response,
        400,
        "schedules.jte",
        view(
            viewer,
            team,
            chrome.withNotice("Nothing changed: please correct the fields marked below.", true),
            errors));
  }

  private List<SupportTeam> teams(Viewer viewer) {
    List<SupportTeam> out = new ArrayList<>();
    for (SupportTeam t : core.teams().configured()) {
      if (viewer.seesTeam(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static SupportTeam find(List<SupportTeam> teams, String id) {
    return teams.stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                DashboardProblem.notFound(
                    "You don't see a team called '" + QueuePage.cut(id) + "'."));
  }

  private SupportTeam teamNow(SupportTeam t) {
    return core.teams().byId(t.id()).orElse(t);
  }

  /** Every key with a plain text field (the three visual editors aside). */
  static List<String> textKeys() {
    List<String> keys = new ArrayList<>();
    for (String k : AdminSettings.KEYS) {
      if (k.equals("business_hours") || k.equals("holidays") || k.equals("unclaimed.escalation")) {
        continue;
      }
      if (k.endsWith(".<priority>")) {
        for (String p : List.of("urgent", "high", "normal", "low")) {
          keys.add(k.replace("<priority>", p));
        }
      } else {
        keys.add(k);
      }
    }
    return keys;
  }

  private View view(Viewer viewer, SupportTeam team, Chrome chrome, Map<String, String> errors) {
    boolean editable = core.teams().isAdmin(viewer.user(), Optional.of(team));
    List<Field> fields = new ArrayList<>();
    for (String key : textKeys()) {
      fields.add(new Field(key, formValue(team, key), errors.get(key)));
    }
    String described = AdminService.value(team, "business_hours");
    boolean always = described.equals("always");
    Map<DayOfWeek, DailyHours> open = Map.of();
    try {
      open = always ? Map.of() : WeeklyHours.parse(described).days();
    } catch (IllegalArgumentException e) {
      // shown as closed days; the text is in the audit log
    }
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      DailyHours h = open.get(DayOfWeek.of(i + 1));
      String label =
          DayOfWeek.of(i + 1).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
      days.add(
          new Day(
              DAYS.get(i),
              label,
              h != null,
              h == null ? "09:00" : clock(h.startMinute()),
              h == null ? "17:00" : clock(h.endMinute())));
    }
    List<String> holidays =
        new TreeSet<>(team.policy().calendar().holidays())
            .stream().map(LocalDate::toString).toList();
    List<Step> steps = new ArrayList<>();
    List<EscalationStep> chain = team.policy().unclaimed().escalation();
    for (int i = 0; i < chain.size() + EXTRA_STEPS; i++) {
      EscalationStep s = i < chain.size() ? chain.get(i) : null;
      steps.add(
          s == null
              ? new Step(i, "", "", "")
              : new Step(i, Durations.format(s.after()), s.action().key(), s.to().orElse("")));
    }
    List<String> actions =
        java.util.Arrays.stream(EscalationAction.values()).map(EscalationAction::key).toList();
    Instant now = clock.instant();
    List<Change> audit = new ArrayList<>();
    for (TeamOverrides.Change c : core.teamChanges(team.id(), 50)) {
      String who = c.changedBy();
      int slash = who.indexOf('/');
      if (slash > 0 && who.substring(0, slash).equals(viewer.user().tenant().key())) {
        who = core.directory().name(viewer.user().tenant(), who.substring(slash + 1));
      } else if (slash > 0) {
        who = "an admin of another workspace";
      }
      audit.add(
          new Change(
              TimeFormats.when(c.changedAt(), viewer.zone(), now),
              who,
              c.setting(),
              c.oldValue().orElse("(file)"),
              c.newValue().orElse("(file's value)")));
    }
    List<QueuePage.Option> options =
        teams(viewer).stream()
            .map(t -> new QueuePage.Option(t.id(), t.label(), t.id().equals(team.id())))
            .toList();
    Map<String, String> was = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    for (Day d : days) {
      if (d.open()) {
        runs.add(d.key() + " " + d.from() + "-" + d.to());
      }
    }
    was.put(
        "business_hours", always ? "always" : runs.isEmpty() ? "none" : String.join(", ", runs));
    was.put("holidays", "[" + String.join(", ", holidays) + "]");
    was.put(
        "unclaimed.escalation",
        "["
            + steps.stream()
                .filter(s -> !s.after().isEmpty())
                .map(
                    s ->
                        "{after: "
                            + s.after()
                            + ", action: "
                            + s.action()
                            + (s.to().isEmpty() ? "" : ", to: \"" + s.to() + "\"")
                            + "}")
                .collect(Collectors.joining(", "))
            + "]");
    return new View(
        chrome, options, team.id(), editable, fields, always, days, holidays, steps, actions,
        errors, was, audit);
  }

  private static String formValue(SupportTeam team, String key) {
    if (key.equals("digest.team")) {
      return team.policy().digest().team().map(c -> c.expression()).orElse("off");
    }
    return AdminService.value(team, key);
  }

  private static String clock(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
