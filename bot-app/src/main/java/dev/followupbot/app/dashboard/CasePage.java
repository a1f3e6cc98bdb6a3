package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.api.Cases;
import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.command.Command;
import dev.followupbot.core.command.TimeFormats;
import dev.followupbot.core.command.UserMention;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.service.CaseCards;
import dev.followupbot.core.service.Reply;
import dev.followupbot.core.sla.SlaStatus;
import dev.followupbot.core.team.SupportTeam;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One case: its details, SLA targets, history as a timeline, a link to its conversation, and the
 * card's actions (claim, assign, wait, resolve …), each through the same core operation a click on
 * the card runs.
 */
public final class CasePage {

  public record Fact(String label, String value) {}

  public record Event(String when, String who, String what, String detail) {}

  public record Person(String id, String name) {}

  public record View(
      Chrome chrome,
      int number,
      List<Fact> facts,
      List<Fact> sla,
      List<Event> timeline,
      String conversation,
      Set<String> actions,
      List<Person> people) {}

  private final FollowupCore core;
  private final Pages pages;
  private final DashboardServlet.Deliveries deliveries;
  private final CaseCards cards;
  private final Clock clock;

  CasePage(FollowupCore core, Pages pages, DashboardServlet.Deliveries deliveries, Clock clock) {
    this.core = core;
    this.pages = pages;
    this.deliveries = deliveries;
    this.cards = core.caseCards();
    this.clock = clock;
  }

  void page(Viewer viewer, int number, Reply done, HttpServletResponse response)
      throws IOException {
    SupportCase c = visible(viewer, number);
    Chrome chrome = Chrome.of("Case #" + c.number() + ": " + c.subject(), "queue", viewer);
    if (done != null) {
      chrome = chrome.withNotice(done.message().fallbackText(), false);
    }
    pages.write(response, 200, "case.jte", view(viewer, c, chrome));
  }

  void act(Viewer viewer, int number, FormBody form, HttpServletResponse response)
      throws IOException {
    SupportCase c = visible(viewer, number);
    String action = form.text("action").orElse("");
    Optional<String> note = form.text("note");
    if (note.isPresent() && note.get().length() > SupportCase.MAX_REASON) {
      throw DashboardProblem.badRequest(
          "A note can be at most " + SupportCase.MAX_REASON + " characters.");
    }
    CaseRef ref = new CaseRef(Optional.of(c.number()), Optional.empty());
    Caller caller = viewer.caller(c.channelId());
    Cases cases = core.cases();
    Reply reply;
    switch (action) {
      case "claim":
        reply = cases.claim(caller, ref);
        break;
      case "release":
        reply = cases.release(caller, ref);
        break;
      case "resume":
        reply = cases.resume(caller, ref);
        break;
      case "close":
        reply = cases.close(caller, ref);
        break;
      case "wait":
        reply = cases.waitOnCustomer(caller, new Command.Wait(ref, Optional.empty()));
        break;
      case "resolve":
        reply = cases.resolve(caller, new Command.Resolve(ref, note));
        break;
      case "reopen":
        reply = cases.reopen(caller, new Command.Reopen(ref, note));
        break;
      case "assign":
        String to =
            form.text("assignee")
                .filter(id -> people(viewer, c).stream().anyMatch(p -> p.id().equals(id)))
                .orElseThrow(
                    () ->
                        DashboardProblem.badRequest(
                            "Pick the person to assign the case to from the list."));
        reply =
            cases.assign(
                caller,
                new Command.Assign(ref, new UserMention(Optional.of(to), Optional.empty()), note));
        break;
      default:
        throw DashboardProblem.badRequest(
            "The dashboard has no action '" + QueuePage.cut(action) + "'.");
    }
    deliveries.after(reply.deliveries());
    page(viewer, number, reply, response);
  }

  private SupportCase visible(Viewer viewer, int number) {
    return core.cases()
        .findByNumber(viewer.user().tenant(), number)
        .filter(c -> viewer.sees(c, cards.teamOf(c)))
        .orElseThrow(
            () -> DashboardProblem.notFound("There is no case #" + number + " that you can see."));
  }

  private View view(Viewer viewer, SupportCase c, Chrome chrome) {
    Instant now = clock.instant();
    SupportTeam team = cards.teamOf(c);
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Status", c.status().label()));
    facts.add(new Fact("Owner", c.ownerId().map(o -> name(c, o)).orElse("nobody yet")));
    facts.add(new Fact("Priority", c.priority().label()));
    c.customer().ifPresent(x -> facts.add(new Fact("Customer", x)));
    c.externalRef().ifPresent(x -> facts.add(new Fact("Helpdesk reference", x)));
    facts.add(new Fact("Team", team.implicit() ? "none (channel defaults)" : team.label()));
    facts.add(
        new Fact("Opened", when(c.createdAt(), viewer, now) + " by " + name(c, c.createdBy())));
    List<CaseEvent> history = core.cases().history(c.tenant(), c.id());
    List<Fact> sla = new ArrayList<>();
    for (SlaStatus s : cards.sla(c, history)) {
      sla.add(
          new Fact(
              s.metric().label(),
              s.state().label()
                  + s.deadline().map(d -> " · due " + when(d, viewer, now)).orElse("")));
    }
    List<Event> timeline = new ArrayList<>();
    for (CaseEvent e : history) {
      StringBuilder detail = new StringBuilder(e.toStatus().label());
      e.toOwner()
          .filter(o -> !e.fromOwner().equals(Optional.of(o)))
          .ifPresent(o -> detail.append(" · owner ").append(name(c, o)));
      e.reason().ifPresent(r -> detail.append(" · “").append(r).append('”'));
      e.via().ifPresent(v -> detail.append(" · via ").append(v));
      timeline.add(
          new Event(
              when(e.at(), viewer, now),
              name(c, e.actorId()),
              e.action().label(),
              detail.toString()));
    }
    return new View(
        chrome,
        c.number(),
        facts,
        sla,
        timeline,
        conversation(c),
        actions(c.status()),
        people(viewer, c));
  }

  private String when(Instant at, Viewer viewer, Instant now) {
    return TimeFormats.when(at, viewer.zone(), now);
  }

  private String name(SupportCase c, String id) {
    return core.directory().name(c.tenant(), id);
  }

  /** Slack opens a channel from a link; Teams and the console have no such link. */
  private static String conversation(SupportCase c) {
    if (c.tenant().platform() == Platform.SLACK) {
      return "https://slack.com/app_redirect?team="
          + QueuePage.enc(c.tenant().workspace())
          + "&channel="
          + QueuePage.enc(c.channelId());
    }
    return null;
  }

  static Set<String> actions(CaseStatus status) {
    switch (status) {
      case UNCLAIMED:
        return Set.of("claim", "assign", "resolve");
      case CLAIMED:
        return Set.of("release", "assign", "wait", "resolve");
      case WAITING_ON_CUSTOMER:
        return Set.of("resume", "assign", "resolve");
      case RESOLVED:
        return Set.of("reopen", "close");
      default:
        return Set.of("reopen");
    }
  }

  /** Whom the case can be assigned to: the team's people, and the viewer. */
  private List<Person> people(Viewer viewer, SupportCase c) {
    SupportTeam team = cards.teamOf(c);
    Set<String> ids = new LinkedHashSet<>();
    ids.add(viewer.user().userId());
    ids.addAll(team.membersIn(c.tenant()));
    ids.addAll(team.leadsIn(c.tenant()));
    c.ownerId().ifPresent(ids::add);
    return ids.stream().map(id -> new Person(id, name(c, id))).toList();
  }
}
