package dev.followupbot.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.port.SignIns;
import dev.followupbot.core.service.DashboardLinks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in to the dashboard with a link from chat, over real HTTP: the session cookie's flags,
 * one use per link, ten minutes, twelve hours idle, CSRF on every POST, and every refusal a
 * friendly page with the right status.
 */
class DashboardSignInTest {

  @TempDir Path dir;
  DashboardServer bot;
  final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();

  record Answer(int code, String body, Response response) {}

  @BeforeEach
  void start() throws Exception {
    bot = new DashboardServer(dir, "2030-01-07T09:00:00Z");
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  Answer get(String url, String cookie) throws IOException {
    Request.Builder r = new Request.Builder().url(url);
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    try (Response response = http.newCall(r.build()).execute()) {
      return new Answer(response.code(), response.body().string(), response);
    }
  }

  Answer post(String path, String cookie, RequestBody body) throws IOException {
    Request.Builder r = new Request.Builder().url(bot.url(path)).post(body);
    if (cookie != null) {
      r.header("Cookie", cookie);
    }
    try (Response response = http.newCall(r.build()).execute()) {
      return new Answer(response.code(), response.body().string(), response);
    }
  }

  /** Opens a fresh link and returns the session cookie it set. */
  String signIn(String user) throws IOException {
    Answer a = get(bot.signInLink(user), null);
    assertThat(a.code()).isEqualTo(303);
    String setCookie = a.response().header("Set-Cookie");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  String csrf(String cookie) throws IOException {
    String page = get(bot.url("/dashboard/"), cookie).body();
    int at = page.indexOf("name=\"csrf\" value=\"") + "name=\"csrf\" value=\"".length();
    return page.substring(at, page.indexOf('"', at));
  }

  @Test
  void signing_in_forgets_sessions_idle_past_twelve_hours_and_links_ended_over_a_day_ago()
      throws IOException {
    SignIns store = bot.storage().signIns();
    String idle = signIn("lea");
    String unused = bot.signInLink("max");
    bot.clock.advance(Duration.ofHours(14));
    String recent = signIn("lea");
    bot.clock.advance(Duration.ofHours(11));

    signIn("max");

    assertThat(store.session(hashOf(idle))).as("idle for 25 h").isEmpty();
    assertThat(store.session(hashOf(recent))).as("idle for 11 h").isPresent();
    String token = unused.substring(unused.indexOf("token=") + "token=".length());
    assertThat(store.redeem(DashboardLinks.hash(token), bot.clock.instant()))
        .as("a link that expired 25 h ago")
        .isInstanceOf(SignIns.Redemption.Unknown.class);
  }

  private static String hashOf(String cookie) {
    return DashboardLinks.hash(cookie.substring(cookie.indexOf('=') + 1));
  }

  @Test
  void the_link_from_chat_starts_a_session_whose_cookie_is_http_only_and_same_site_lax()
      throws IOException {
    Answer a = get(bot.signInLink("lea"), null);
    assertThat(a.code()).isEqualTo(303);
    assertThat(a.response().header("Location")).isEqualTo("/dashboard/");
    assertThat(a.response().header("Set-Cookie"))
        .startsWith("followup_session=")
        .contains("; Path=/dashboard", "; HttpOnly", "; SameSite=Lax")
        .doesNotContain("Secure");
    String cookie = a.response().header("Set-Cookie").split(";")[0];
    Answer queue = get(bot.url("/dashboard/"), cookie);
    assertThat(queue.code()).isEqualTo(200);
    assertThat(queue.body()).contains("lea", "Queue");
    assertThat(queue.response().header("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  void a_used_link_an_expired_link_and_a_forged_link_say_so_and_how_to_get_a_new_one()
      throws IOException {
    String link = bot.signInLink("lea");
    assertThat(get(link, null).code()).isEqualTo(303);
    Answer again = get(link, null);
    assertThat(again.code()).isEqualTo(401);
    assertThat(again.body()).contains("used already", "Type `dashboard`");
    assertThat(again.response().header("Set-Cookie"))
        .as("no session")
        .startsWith("followup_session=;");

    String late = bot.signInLink("lea");
    bot.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    Answer expired = get(late, null);
    assertThat(expired.code()).isEqualTo(401);
    assertThat(expired.body()).contains("expired", "10 minutes");

    for (String forged :
        new String[] {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x", "", "<script>"}) {
      Answer f = get(bot.url("/dashboard/sign-in?token=" + forged), null);
      assertThat(f.code()).as(forged).isEqualTo(401);
      assertThat(f.body()).contains("not one followup-bot sent").doesNotContain("Exception");
    }
  }

  @Test
  void a_session_ends_after_twelve_hours_without_use_and_a_tampered_cookie_is_refused()
      throws IOException {
    String cookie = signIn("lea");
    bot.clock.advance(Duration.ofHours(11));
    assertThat(get(bot.url("/dashboard/"), cookie).code()).isEqualTo(200);
    bot.clock.advance(Duration.ofHours(11));
    assertThat(get(bot.url("/dashboard/"), cookie).code()).as("used 11 h ago").isEqualTo(200);
    bot.clock.advance(Duration.ofHours(12));
    Answer idle = get(bot.url("/dashboard/"), cookie);
    assertThat(idle.code()).isEqualTo(401);
    assertThat(idle.body()).contains("12 hours without use");

    String fresh = signIn("lea");
    String tampered = fresh.substring(0, fresh.length() - 2) + (fresh.endsWith("AA") ? "BB" : "AA");
    assertThat(get(bot.url("/dashboard/"), tampered).code()).isEqualTo(401);
    assertThat(get(bot.url("/dashboard/"), "followup_session=../../etc").code()).isEqualTo(401);
    assertThat(get(bot.url("/dashboard/"), null).body()).contains("You are not signed in");
  }

  @Test
  void a_post_without_the_csrf_token_is_403_and_changes_nothing() throws IOException {
    bot.console("max", "new Printer on fire");
    String cookie = signIn("lea");
    Answer forged =
        post("/dashboard/cases/1", cookie, new FormBody.Builder().add("action", "claim").build());
    assertThat(forged.code()).isEqualTo(403);
    assertThat(forged.body()).contains("nothing changed");
    Answer wrong =
        post(
            "/dashboard/cases/1",
            cookie,
            new FormBody.Builder().add("action", "claim").add("csrf", "nope").build());
    assertThat(wrong.code()).isEqualTo(403);
    assertThat(bot.core().cases().findByNumber(dev.followupbot.core.domain.TenantId.CONSOLE, 1))
        .hasValueSatisfying(c -> assertThat(c.ownerId()).isEmpty());

    Answer claimed =
        post(
            "/dashboard/cases/1",
            cookie,
            new FormBody.Builder().add("action", "claim").add("csrf", csrf(cookie)).build());
    assertThat(claimed.code()).isEqualTo(200);
    assertThat(claimed.body()).contains("You own #1 · Printer on fire now");
    assertThat(bot.console("lea", "show 1")).contains("lea");
  }

  @Test
  void bad_input_gets_the_right_status_and_a_friendly_page() throws IOException {
    bot.otherWorkspace("new Otto's own case");
    bot.otherWorkspace("new Otto's second case");
    bot.console("max", "new Printer on fire");
    String cookie = signIn("lea");
    String csrf = csrf(cookie);
    assertThat(get(bot.url("/dashboard/cases/1"), cookie).code()).isEqualTo(200);
    Answer other = get(bot.url("/dashboard/cases/2"), cookie);
    assertThat(other.code()).as("another workspace's case number").isEqualTo(404);
    assertThat(other.body()).doesNotContain("Otto");
    assertThat(get(bot.url("/dashboard/cases/999999999"), cookie).code()).isEqualTo(404);
    assertThat(get(bot.url("/dashboard/nowhere"), cookie).code()).isEqualTo(404);
    assertThat(get(bot.url("/dashboard/?team=nosuchteam"), cookie).code()).isEqualTo(400);
    assertThat(
            post(
                    "/dashboard/cases/1",
                    cookie,
                    RequestBody.create(
                        "csrf=" + csrf + "&action=" + "x".repeat(20_000),
                        MediaType.get("application/x-www-form-urlencoded")))
                .code())
        .isEqualTo(413);
    assertThat(
            post(
                    "/dashboard/cases/1",
                    cookie,
                    RequestBody.create(
                        "csrf=" + csrf + "&action=%zz",
                        MediaType.get("application/x-www-form-urlencoded")))
                .code())
        .isEqualTo(400);
    assertThat(
            post(
                    "/dashboard/cases/1",
                    cookie,
                    RequestBody.create("{}", MediaType.get("application/json")))
                .code())
        .isEqualTo(415);
    Answer unknown =
        post(
            "/dashboard/cases/1",
            cookie,
            new FormBody.Builder().add("csrf", csrf).add("action", "explode").build());
    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.body()).contains("no action").doesNotContain("Exception");
  }

  @Test
  void people_who_lead_no_team_see_their_own_cases_only() throws IOException {
    bot.console("lea", "new Lea's case");
    bot.console("max", "new Max's case");
    bot.console("max", "claim 2");
    String cookie = signIn("max");
    String queue = get(bot.url("/dashboard/queue/rows"), cookie).body();
    assertThat(queue).contains("Max's case").doesNotContain("Lea's case");
    assertThat(get(bot.url("/dashboard/cases/1"), cookie).code()).isEqualTo(404);
    assertThat(get(bot.url("/dashboard/reports"), cookie).code()).isEqualTo(403);
  }

  @Test
  void the_public_url_must_be_https_or_loopback() {
    assertThat(
            PublicUrl.fromEnv(Map.of("FOLLOWUP_PUBLIC_URL", "https://followup.example.com"))
                .secure())
        .isTrue();
    assertThat(PublicUrl.fromEnv(Map.of("FOLLOWUP_PUBLIC_URL", "http://127.0.0.1:3000")).current())
        .isPresent();
    for (String bad :
        new String[] {"http://followup.example.com", "ftp://x", "https://x/path", "not a url"}) {
      assertThatThrownBy(() -> PublicUrl.fromEnv(Map.of("FOLLOWUP_PUBLIC_URL", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("FOLLOWUP_PUBLIC_URL=" + bad + " is not valid");
    }
  }
}
