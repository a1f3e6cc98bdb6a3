package dev.followupbot.app.dashboard;

/**
 * What every page shows around its content: the title, the navigation (with the current page
 * marked), who is signed in, the CSRF token for forms, and a notice after an action.
 */
public record Chrome(
    String title,
    String current,
    String who,
    String csrf,
    boolean lead,
    boolean admin,
    String notice,
    boolean noticeIsError) {

  static Chrome of(String title, String current, Viewer viewer) {
    return new Chrome(
        title, current, viewer.name(), viewer.csrf(), viewer.lead(), viewer.admin(), null, false);
  }

  /** A page without a session (sign-in problems). */
  static Chrome anonymous(String title) {
    return new Chrome(title, "", null, null, false, false, null, false);
  }

  Chrome withNotice(String text, boolean error) {
    return new Chrome(title, current, who, csrf, lead, admin, text, error);
  }

  public boolean signedIn() {
    return who != null;
  }
}
