package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.sla.SlaState;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue: open cases, oldest first, with status, owner, age and SLA state, filtered by team and
 * owner. The table reloads itself every two seconds (htmx), so a case opened in chat shows within a
 * few seconds.
 */
public final class QueuePage {

  /** Rows shown at most; the count above the table says how many there are. */
  static final int SHOWN = 200;

  static final int MAX_OPEN = 20_000;
  static final Set<CaseStatus> OPEN =
      EnumSet.of(CaseStatus.UNCLAIMED, CaseStatus.CLAIMED, CaseStatus.WAITING_ON_CUSTOMER);

  /** One open case as the table shows it. */
  public record Row(
      int number,
      String subject,
      String customer,
      String priority,
      String status,
      String statusKey,
      String owner,
      String age,
      String sla,
      String slaKey,
      String team) {}

  /** A filter's choice. */
  public record Option(String value, String label, boolean selected) {}

  /** The table: the rows shown and the counts over every visible open case. */
  public record Rows(
      List<Row> rows,
      int total,
      int unclaimed,
      int waiting,
      String refreshUrl,
      Map<String, Integer> byOwner) {}

  public record View(
      Chrome chrome, List<Option> teams, List<Option> owners, boolean lead, Rows rows) {}

  private final FollowupCore core;
  private final Pages pages;
  private final CaseCards cards;
  private final Clock clock;

  QueuePage(FollowupCore core, Pages pages, Clock clock) {
    this.core = core;
    this.pages = pages;
    this.cards = core.caseCards();
    this.clock = clock;
  }

  void page(Viewer viewer, Map<String, String[]> query, HttpServletResponse response)
      throws IOException {
    Filter f = filter(viewer, query);
    Rows rows = rows(viewer, f);
    List<Option> teams = new ArrayList<>();
    teams.add(new Option("", "All my teams", f.team.isEmpty()));
    for (SupportTeam t : viewer.teams(core.teams())) {
      teams.add(
          new Option(
              t.id(),
              t.implicit() ? "Channels no team names" : t.label(),
              f.team.filter(t.id()::equals).isPresent()));
    }
    List<Option> owners = new ArrayList<>();
    owners.add(new Option("", "Anyone", f.owner.isEmpty()));
    owners.add(
        new Option("unclaimed", "Unclaimed", f.owner.filter("unclaimed"::equals).isPresent()));
    for (String id : f.owners) {
      owners.add(
          new Option(
              id,
              core.directory().name(viewer.user().tenant(), id),
              f.owner.filter(id::equals).isPresent()));
    }
    pages.write(
        response,
        200,
        "queue.jte",
        new View(Chrome.of("Queue", "queue", viewer), teams, owners, viewer.lead(), rows));
  }

  void rows(Viewer viewer, Map<String, String[]> query, HttpServletResponse response)
      throws IOException {
    pages.write(response, 200, "queue_rows.jte", rows(viewer, filter(viewer, query)));
  }

  private static final class Filter {
    Optional<String> team = Optional.empty();
    Optional<String> owner = Optional.empty();
    final Set<String> owners = new java.util.TreeSet<>();
  }

  private Filter filter(Viewer viewer, Map<String, String[]> query) {
    Filter f = new Filter();
    f.team = single(query, "team");
    f.owner = single(query, "owner");
    if (f.team.isPresent()
        && viewer.teams(core.teams()).stream().noneMatch(t -> t.id().equals(f.team.get()))) {
      throw DashboardProblem.badRequest(
          "You don't see a team called '" + cut(f.team.get()) + "'. Pick one from the list.");
    }
    if (f.owner.isPresent() && f.owner.get().length() > 200) {
      throw DashboardProblem.badRequest("That owner is not one the queue knows.");
    }
    return f;
  }

  private Rows rows(Viewer viewer, Filter f) {
    Instant now = clock.instant();
    List<SupportCase> visible = new ArrayList<>();
    for (SupportCase c :
        core.cases().list(viewer.user().tenant(), OPEN, Optional.empty(), MAX_OPEN)) {
      SupportTeam team = cards.teamOf(c);
      if (!viewer.sees(c, team)) {
        continue;
      }
      if (f.team.isPresent() && !f.team.get().equals(team.id())) {
        continue;
      }
      c.ownerId().ifPresent(f.owners::add);
      if (f.owner.isPresent()) {
        boolean match =
            f.owner.get().equals("unclaimed")
                ? c.ownerId().isEmpty()
                : c.ownerId().filter(f.owner.get()::equals).isPresent();
        if (!match) {
          continue;
        }
      }
      visible.add(c);
    }
    // The shown rows' histories in one read, not one per row: the SLA state needs them.
    Map<Long, List<CaseEvent>> histories =
        core.cases()
            .histories(
                viewer.user().tenant(),
                visible.stream().limit(SHOWN).map(SupportCase::id).toList());
    List<Row> rows = new ArrayList<>();
    int unclaimed = 0;
    int waiting = 0;
    Map<String, Integer> byOwner = new LinkedHashMap<>();
    for (SupportCase c : visible) {
      if (c.status() == CaseStatus.UNCLAIMED) {
        unclaimed++;
      } else if (c.status() == CaseStatus.WAITING_ON_CUSTOMER) {
        waiting++;
      }
      byOwner.merge(owner(c), 1, Integer::sum);
      if (rows.size() < SHOWN) {
        rows.add(row(c, histories.get(c.id()), now));
      }
    }
    StringBuilder url = new StringBuilder(DashboardServlet.PREFIX + "/queue/rows?");
    f.team.ifPresent(t -> url.append("team=").append(enc(t)).append('&'));
    f.owner.ifPresent(o -> url.append("owner=").append(enc(o)));
    return new Rows(rows, visible.size(), unclaimed, waiting, url.toString(), byOwner);
  }

  private String owner(SupportCase c) {
    return c.ownerId().map(o -> core.directory().name(c.tenant(), o)).orElse("Unclaimed");
  }

  private Row row(SupportCase c, List<CaseEvent> history, Instant now) {
    SlaState worst = null;
    String detail = "no target";
    for (SlaStatus s : cards.sla(c, history)) {
      if (worst == null || rank(s.state()) > rank(worst)) {
        worst = s.state();
        detail =
            s.state().label()
                + " · "
                + s.metric().label()
                + s.deadline().map(d -> ", due " + TimeFormats.relative(d, now)).orElse("");
      }
    }
    SupportTeam team = cards.teamOf(c);
    return new Row(
        c.number(),
        c.subject(),
        c.customer().orElse(""),
        c.priority().label(),
        c.status().label(),
        c.status().name().toLowerCase(java.util.Locale.ROOT),
        owner(c),
        TimeFormats.span(Duration.between(c.createdAt(), now)),
        detail,
        worst == null ? "none" : worst.name().toLowerCase(java.util.Locale.ROOT),
        team.implicit() ? "—" : team.name());
  }

  /** Breached first, then due soon, running, paused; met and cancelled targets last. */
  private static int rank(SlaState s) {
    switch (s) {
      case BREACHED:
        return 5;
      case DUE_SOON:
        return 4;
      case RUNNING:
        return 3;
      case PAUSED:
        return 2;
      default:
        return 1;
    }
  }

  static Optional<String> single(Map<String, String[]> query, String name) {
    String[] values = query.get(name);
    if (values == null || values.length == 0 || values[0].isBlank()) {
      return Optional.empty();
    }
    if (values.length > 1) {
      throw DashboardProblem.badRequest("Give " + name + " once.");
    }
    return Optional.of(values[0].strip());
  }

  static String cut(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
