package dev.followupbot.app.dashboard;

/**
 * A request the dashboard refuses, with the HTTP status and what the page says: a friendly title
 * and what to do next. Never carries a stack trace to the page.
 */
final class DashboardProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  DashboardProblem(int status, String title, String text) {
    super(text, null, false, false);
    this.status = status;
    this.title = title;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  static DashboardProblem signInAgain(String why) {
    return new DashboardProblem(
        401,
        "Please sign in",
        why + " Type `dashboard` to followup-bot in Slack, Teams or the console for a new link.");
  }

  static DashboardProblem notFound(String what) {
    return new DashboardProblem(404, "Not found", what);
  }

  static DashboardProblem badRequest(String what) {
    return new DashboardProblem(400, "That didn't work", what);
  }
}
