package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** My reminders: the viewer's pending and delivered reminders, to snooze, mark done or cancel. */
public final class RemindersPage {

  /** How far a snooze pushes a reminder back, as the form offers it. */
  static final Map<String, Duration> SNOOZES =
      Map.of(
          "15m",
          Duration.ofMinutes(15),
          "1h",
          Duration.ofHours(1),
          "4h",
          Duration.ofHours(4),
          "1d",
          Duration.ofDays(1));

  public record Row(int number, String due, String note, String status, String caseLink) {}

  public record View(Chrome chrome, List<Row> reminders) {}

  private final FollowupCore core;
  private final Pages pages;
  private final DashboardServlet.Deliveries deliveries;
  private final Clock clock;

  RemindersPage(
      FollowupCore core, Pages pages, DashboardServlet.Deliveries deliveries, Clock clock) {
    this.core = core;
    this.pages = pages;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  void page(Viewer viewer, Reply done, HttpServletResponse response) throws IOException {
    Instant now = clock.instant();
    List<Row> rows =
        core.reminders().active(viewer.user().tenant(), viewer.user().userId(), 200).stream()
            .map(r -> row(r, viewer, now))
            .toList();
    Chrome chrome = Chrome.of("My reminders", "reminders", viewer);
    if (done != null) {
      chrome = chrome.withNotice(done.message().fallbackText(), false);
    }
    pages.write(response, 200, "reminders.jte", new View(chrome, rows));
  }

  void act(Viewer viewer, int number, FormBody form, HttpServletResponse response)
      throws IOException {
    Caller caller = viewer.caller("dashboard");
    String action = form.text("action").orElse("");
    Reply reply;
    switch (action) {
      case "done":
        reply = core.reminders().done(caller, number);
        break;
      case "cancel":
        reply = core.reminders().cancel(caller, number);
        break;
      case "snooze":
        Duration by =
            form.text("for")
                .map(SNOOZES::get)
                .orElseThrow(
                    () ->
                        DashboardProblem.badRequest(
                            "Snooze for 15m, 1h, 4h or 1d: pick one from the list."));
        reply =
            core.reminders().snooze(caller, new Command.Snooze(number, clock.instant().plus(by)));
        break;
      default:
        throw DashboardProblem.badRequest(
            "The dashboard has no reminder action '" + QueuePage.cut(action) + "'.");
    }
    deliveries.after(reply.deliveries());
    page(viewer, reply, response);
  }

  private Row row(Reminder r, Viewer viewer, Instant now) {
    String link =
        r.caseId()
            .flatMap(id -> core.cases().findById(r.tenant(), id))
            .map(c -> "/dashboard/cases/" + c.number())
            .orElse(null);
    return new Row(
        r.number(),
        TimeFormats.when(r.dueAt(), viewer.zone(), now)
            + " ("
            + TimeFormats.relative(r.dueAt(), now)
            + ")",
        r.note().orElse(""),
        r.status().name().toLowerCase(java.util.Locale.ROOT),
        link);
  }
}
