package dev.followupbot.app.dashboard;

import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.service.LogContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard at {@code /dashboard}: sign-in by a link from chat, then the queue, a case,
 * reminders, reports and schedules. Every page is scoped to the session's workspace; every POST
 * carries the session's CSRF token. Refusals are friendly pages with the right status (400, 401,
 * 403, 404, 405, 413, 415), and a failure is a 500 page with a reference that matches the log.
 */
public final class DashboardServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(DashboardServlet.class);

  public static final String PREFIX = "/dashboard";

  private static final Pattern CASE = Pattern.compile("/cases/(\\d{1,9})");
  private static final Pattern REMINDER = Pattern.compile("/reminders/(\\d{1,9})");
  private static final Pattern SCHEDULE = Pattern.compile("/schedules/([a-z0-9_-]{1,40})");

  private final transient DashboardSessions sessions;
  private final transient Pages pages = new Pages();
  private final transient QueuePage queue;
  private final transient CasePage cases;
  private final transient RemindersPage reminders;
  private final transient ReportsPage reports;
  private final transient SchedulesPage schedules;
  private final transient ExecutorService afterAnswer;

  public DashboardServlet(FollowupCore core, PublicUrl publicUrl, Clock clock) {
    this.sessions = new DashboardSessions(core, publicUrl, clock);
    this.afterAnswer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "followup-dashboard-deliveries");
              t.setDaemon(true);
              return t;
            });
    Deliveries deliveries =
        ids -> {
          if (!ids.isEmpty()) {
            afterAnswer.execute(() -> core.delivery().deliverAll(ids));
          }
        };
    this.queue = new QueuePage(core, pages, clock);
    this.cases = new CasePage(core, pages, deliveries, clock);
    this.reminders = new RemindersPage(core, pages, deliveries, clock);
    this.reports = new ReportsPage(core, pages, clock);
    this.schedules = new SchedulesPage(core, pages, clock);
  }

  /** Where a page's actions hand what they queued for chat, delivered after the answer. */
  interface Deliveries {
    void after(List<Long> outboxIds);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    Pages.secure(response);
    try {
      if (path.startsWith("/assets/") && method.equals("GET")) {
        if (!Assets.serve(path.substring("/assets/".length()), response)) {
          throw DashboardProblem.notFound("There is no such file.");
        }
        return;
      }
      if (path.equals("/sign-in") && method.equals("GET")) {
        sessions.signIn(request, response);
        return;
      }
      if (path.isEmpty() && method.equals("GET")) {
        response.setStatus(303);
        response.setHeader("Location", PREFIX + "/");
        return;
      }
      if (!method.equals("GET") && !method.equals("POST")) {
        response.setHeader("Allow", "GET, POST");
        throw new DashboardProblem(
            405, "Not here", "The dashboard's pages take GET and POST only.");
      }
      Viewer viewer = sessions.viewer(request);
      try (LogContext context = LogContext.with("tenant", viewer.user().tenant().key())) {
        if (method.equals("GET")) {
          get(viewer, path, request, response);
        } else {
          FormBody form = FormBody.read(request);
          DashboardSessions.checkCsrf(viewer, request, form);
          post(viewer, path, form, response);
        }
      }
    } catch (DashboardProblem problem) {
      if (problem.status() == 401) {
        sessions.clearCookie(response);
      }
      pages.write(
          response,
          problem.status(),
          "message.jte",
          new MessagePage(Chrome.anonymous(problem.title()), problem.getMessage()));
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error("dashboard request failed ref={} {} {}{}", ref, method, PREFIX, path, e);
      pages.write(
          response,
          500,
          "message.jte",
          new MessagePage(
              Chrome.anonymous("Something went wrong"),
              "Something went wrong on our side (reference " + ref + "). Please try again."));
    }
  }

  private void get(
      Viewer viewer, String path, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String[]> query = request.getParameterMap();
    Matcher m;
    if (path.equals("/")) {
      queue.page(viewer, query, response);
    } else if (path.equals("/queue/rows")) {
      queue.rows(viewer, query, response);
    } else if ((m = CASE.matcher(path)).matches()) {
      cases.page(viewer, Integer.parseInt(m.group(1)), null, response);
    } else if (path.equals("/reminders")) {
      reminders.page(viewer, null, response);
    } else if (path.equals("/reports")) {
      reports.page(viewer, query, response);
    } else if (path.equals("/schedules")) {
      schedules.page(viewer, query, response);
    } else {
      throw DashboardProblem.notFound("There is no such page on the dashboard.");
    }
  }

  private void post(Viewer viewer, String path, FormBody form, HttpServletResponse response)
      throws IOException {
    Matcher m;
    if ((m = CASE.matcher(path)).matches()) {
      cases.act(viewer, Integer.parseInt(m.group(1)), form, response);
    } else if ((m = REMINDER.matcher(path)).matches()) {
      reminders.act(viewer, Integer.parseInt(m.group(1)), form, response);
    } else if ((m = SCHEDULE.matcher(path)).matches()) {
      schedules.save(viewer, m.group(1), form, response);
    } else if (path.equals("/sign-out")) {
      sessions.signOut(response, viewer);
      pages.write(
          response,
          200,
          "message.jte",
          new MessagePage(
              Chrome.anonymous("Signed out"),
              "You are signed out. Type `dashboard` in chat to come back."));
    } else {
      throw DashboardProblem.notFound("There is no such page on the dashboard.");
    }
  }

  @Override
  public void destroy() {
    afterAnswer.shutdown();
  }
}
