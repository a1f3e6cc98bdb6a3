package dev.followupbot.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Firefox (Debian's firefox-esr, driven over WebDriver BiDi; skipped,
 * saying so, where it is not installed): the same pages work as in Chromium, live updates included.
 * Screenshots go to target/dashboard-screenshots/firefox-*.png.
 */
class DashboardFirefoxTest {

  @TempDir Path dir;
  DashboardServer bot;
  Firefox browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        Firefox.missing().isEmpty(),
        "no Firefox: install Debian's firefox-esr (apt-get install -y firefox-esr) to run the"
            + " dashboard's Firefox test");
    bot = new DashboardServer(dir, "2029-10-15T08:00:00Z");
    browser = new Firefox(dir.resolve("firefox-profile"));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void a_lead_signs_in_watches_the_queue_claims_a_case_and_sees_schedules_and_reports()
      throws Exception {
    browser.open(bot.signInLink("lea"));
    assertThat(browser.eval("location.pathname")).isEqualTo("/dashboard/");
    assertThat(browser.eval("document.querySelector('h1').textContent")).isEqualTo("Queue");

    // A case opened in chat shows within 5 s, without reloading the page (htmx in Firefox).
    bot.console("max", "new Refund request !high");
    int number =
        bot.core().cases().list(TenantId.CONSOLE, QueuePage.OPEN, Optional.empty(), 100).stream()
            .filter(c -> c.subject().equals("Refund request"))
            .findFirst()
            .orElseThrow()
            .number();
    browser.await(
        "document.getElementById('queue-live').textContent.includes('Refund request')",
        Duration.ofSeconds(5));
    shot("queue");

    // The case page: claim it with the card's button.
    browser.open(bot.url("/dashboard/cases/" + number));
    assertThat(browser.eval("document.title")).startsWith("Case #" + number);
    browser.eval(
        "[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Claim')"
            + ".click()");
    browser.await(
        "document.querySelector('.notice') && document.querySelector('.notice').textContent"
            + ".includes('You own')",
        Duration.ofSeconds(5));
    assertThat(bot.console("lea", "show " + number)).contains("lea");
    shot("case");

    // Schedules: the week's opening hours as time inputs, and a bad value shows a field error.
    browser.open(bot.url("/dashboard/schedules?team=billing"));
    assertThat(browser.eval("document.querySelectorAll('table.week input[type=time]').length"))
        .isEqualTo("14");
    browser.eval(
        "(() => { const f = document.getElementById('f-unclaimed.nudge_after'); f.value = 'soon';"
            + " f.form.requestSubmit(); return true; })()");
    browser.await(
        "document.getElementById('e-unclaimed.nudge_after') &&"
            + " document.getElementById('e-unclaimed.nudge_after').textContent.includes('soon')",
        Duration.ofSeconds(5));
    assertThat(bot.storage().teamOverrides().changes("billing", 10)).isEmpty();
    shot("schedules-error");

    // My reminders: snooze one by an hour, cancel the other; chat sees both.
    bot.console("lea", "remind in 2h check the refund went out");
    bot.console("lea", "remind in 3h call the customer back");
    browser.open(bot.url("/dashboard/reminders"));
    assertThat(browser.eval("document.querySelectorAll('tbody tr').length")).isEqualTo("2");
    browser.eval("document.querySelector('tbody tr button[type=submit]').click()");
    browser.await(
        "document.querySelector('.notice') && document.querySelector('.notice').textContent"
            + ".includes('Snoozed reminder 1')",
        Duration.ofSeconds(5));
    browser.eval("document.querySelector('button[aria-label=\\'Cancel reminder 2\\']').click()");
    browser.await(
        "document.querySelector('.notice') && document.querySelector('.notice').textContent"
            + ".includes('Cancelled reminder 2')",
        Duration.ofSeconds(5));
    assertThat(browser.eval("document.querySelectorAll('tbody tr').length")).isEqualTo("1");
    assertThat(bot.console("lea", "reminders"))
        .contains("check the refund")
        .doesNotContain("call the customer");
    shot("reminders");

    // Reports: Chart.js draws its four charts.
    browser.open(bot.url("/dashboard/reports"));
    browser.await(
        "typeof Chart !== 'undefined' && Object.keys(Chart.instances).length === 4",
        Duration.ofSeconds(5));
    shot("reports");
  }

  private void shot(String name) throws Exception {
    Path out = Path.of("target", "dashboard-screenshots");
    Files.createDirectories(out);
    Files.write(out.resolve("firefox-" + name + ".png"), browser.screenshot());
  }
}
