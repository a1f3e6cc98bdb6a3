package dev.followupbot.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.dashboard.WeeklyTrends;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.team.SupportTeam;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reports for leads and admins, per week for the last 12 weeks, for one team or all they see: the
 * median times to claim, first response and resolution in business hours, SLA met %, CSAT, and open
 * cases per owner. Chart.js draws them; a table under each chart holds the same figures.
 */
public final class ReportsPage {

  static final int WEEKS = 12;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  public record WeekRow(
      String week,
      String opened,
      String claim,
      String firstResponse,
      String resolution,
      String sla,
      String csat) {}

  public record View(
      Chrome chrome,
      List<QueuePage.Option> teams,
      List<WeekRow> weeks,
      Map<String, Integer> openByOwner,
      String data) {}

  private final FollowupCore core;
  private final Pages pages;
  private final CaseCards cards;
  private final WeeklyTrends trends;

  ReportsPage(FollowupCore core, Pages pages, Clock clock) {
    this.core = core;
    this.pages = pages;
    this.cards = core.caseCards();
    this.trends = core.trends();
  }

  void page(Viewer viewer, Map<String, String[]> query, HttpServletResponse response)
      throws IOException {
    if (!viewer.lead()) {
      throw new DashboardProblem(
          403,
          "For leads and admins",
          "Reports are for the leads and admins of a team. Your own cases are on the queue.");
    }
    Optional<String> team = QueuePage.single(query, "team");
    List<SupportTeam> visible = viewer.teams(core.teams());
    if (team.isPresent() && visible.stream().noneMatch(t -> t.id().equals(team.get()))) {
      throw DashboardProblem.badRequest(
          "You don't see a team called '"
              + QueuePage.cut(team.get())
              + "'. Pick one from the list.");
    }
    Predicate<SupportCase> scope =
        c -> {
          SupportTeam t = cards.teamOf(c);
          return viewer.seesTeam(t) && team.map(t.id()::equals).orElse(true);
        };
    List<WeeklyTrends.Week> weeks =
        trends.weeks(viewer.user().tenant(), scope, viewer.zone(), WEEKS);
    Map<String, Integer> byOwner = new TreeMap<>();
    for (SupportCase c :
        core.cases()
            .list(viewer.user().tenant(), QueuePage.OPEN, Optional.empty(), QueuePage.MAX_OPEN)) {
      if (scope.test(c)) {
        byOwner.merge(
            c.ownerId().map(o -> core.directory().name(c.tenant(), o)).orElse("Unclaimed"),
            1,
            Integer::sum);
      }
    }
    List<QueuePage.Option> options = new ArrayList<>();
    options.add(new QueuePage.Option("", "All my teams", team.isEmpty()));
    for (SupportTeam t : visible) {
      options.add(
          new QueuePage.Option(
              t.id(),
              t.implicit() ? "Channels no team names" : t.label(),
              team.filter(t.id()::equals).isPresent()));
    }
    List<WeekRow> rows = new ArrayList<>();
    for (WeeklyTrends.Week w : weeks) {
      rows.add(
          new WeekRow(
              w.monday().format(DAY),
              Integer.toString(w.opened()),
              span(w.toClaim()),
              span(w.toFirstResponse()),
              span(w.toResolution()),
              w.slaMetPercent().isPresent()
                  ? Math.round(w.slaMetPercent().getAsDouble()) + "% of " + w.slaDecided()
                  : "—",
              w.csatAverage().isPresent()
                  ? String.format(
                      Locale.ROOT, "%.1f (%d)", w.csatAverage().getAsDouble(), w.csatCount())
                  : "—"));
    }
    pages.write(
        response,
        200,
        "reports.jte",
        new View(
            Chrome.of("Reports", "reports", viewer), options, rows, byOwner, data(weeks, byOwner)));
  }

  private static String span(Optional<Duration> d) {
    return d.map(TimeFormats::span).orElse("—");
  }

  /** The figures for the charts: hours as decimals, gaps as null. */
  private static String data(List<WeeklyTrends.Week> weeks, Map<String, Integer> byOwner) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode labels = root.putArray("weeks");
    ArrayNode claim = root.putArray("claim");
    ArrayNode answer = root.putArray("firstResponse");
    ArrayNode resolve = root.putArray("resolution");
    ArrayNode sla = root.putArray("slaMet");
    ArrayNode csat = root.putArray("csat");
    ArrayNode csatCount = root.putArray("csatCount");
    for (WeeklyTrends.Week w : weeks) {
      labels.add(w.monday().format(DAY));
      hours(claim, w.toClaim());
      hours(answer, w.toFirstResponse());
      hours(resolve, w.toResolution());
      if (w.slaMetPercent().isPresent()) {
        sla.add(Math.round(w.slaMetPercent().getAsDouble() * 10) / 10.0);
      } else {
        sla.addNull();
      }
      if (w.csatAverage().isPresent()) {
        csat.add(Math.round(w.csatAverage().getAsDouble() * 100) / 100.0);
      } else {
        csat.addNull();
      }
      csatCount.add(w.csatCount());
    }
    ObjectNode owners = root.putObject("openByOwner");
    byOwner.forEach(owners::put);
    return root.toString();
  }

  private static void hours(ArrayNode out, Optional<Duration> d) {
    if (d.isPresent()) {
      out.add(Math.round(d.get().toMinutes() / 6.0) / 10.0);
    } else {
      out.addNull();
    }
  }
}
