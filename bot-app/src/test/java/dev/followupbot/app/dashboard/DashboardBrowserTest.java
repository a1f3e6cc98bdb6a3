package dev.followupbot.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.port.WakeUp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in headless Chromium (Debian's chromium and chromium-driver; skipped,
 * saying so, where they are not installed): a lead signs in with the link the console gave, watches
 * a case opened in chat appear on the queue, works a case, changes a schedule in the form and sees
 * when the next nudge comes move, and every page passes axe-core's accessibility check. Screenshots
 * of each page go to target/dashboard-screenshots (and to docs/ with -Ddashboard.docs=true).
 */
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path dir;
  DashboardServer bot;
  ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "no browser: install Debian's chromium and chromium-driver (apt-get install -y chromium"
            + " chromium-driver) to run the dashboard's browser tests");
    // Twelve weeks before the queue's Monday, so the reports have history to chart.
    bot = new DashboardServer(dir, "2029-10-15T08:00:00Z");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=en");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void a_lead_signs_in_from_chat_watches_the_queue_works_a_case_and_edits_a_schedule()
      throws Exception {
    history();
    bot.otherWorkspace("new Otto's own case");
    browser.get(bot.signInLink("lea"));
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Queue");
    accessible("queue");

    // A case opened in chat shows within 5 s, without reloading the page.
    bot.console("max", "new Refund request !high");
    int number =
        bot
            .core()
            .cases()
            .list(TenantId.CONSOLE, QueuePage.OPEN, java.util.Optional.empty(), 100)
            .stream()
            .filter(c -> c.subject().equals("Refund request"))
            .findFirst()
            .orElseThrow()
            .number();
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.id("queue-live")).getText().contains("Refund request"));
    shot("queue", true);

    // The case page, by keyboard: claim it.
    browser.findElement(By.linkText("#" + number)).sendKeys(Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(b -> b.getTitle().startsWith("Case #" + number));
    accessible("case");
    WebElement claim = browser.findElement(By.xpath("//button[normalize-space()='Claim']"));
    claim.sendKeys(Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(b -> b.findElement(By.cssSelector(".notice")).getText().contains("You own"));
    assertThat(browser.findElement(By.className("timeline")).getText()).contains("claimed");
    assertThat(bot.console("lea", "show " + number)).contains("lea");
    shot("case", false);

    // Another workspace's case number: 404.
    browser.get(bot.url("/dashboard/cases/" + (number + 1)));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");

    // A schedule change moves the next nudge: 1h becomes 20m for new cases.
    browser.get(bot.url("/dashboard/schedules?team=billing"));
    accessible("schedules");
    WebElement after = browser.findElement(By.id("f-unclaimed.nudge_after"));
    after.clear();
    after.sendKeys("soon");
    browser.findElement(By.xpath("//button[normalize-space()='Save']")).click();
    // Saving loads a new page: wait for it rather than reading the old one.
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.id("e-unclaimed.nudge_after")).getText().contains("soon"));
    assertThat(bot.storage().teamOverrides().changes("billing", 10)).isEmpty();
    shot("schedules-error", false);
    after = browser.findElement(By.id("f-unclaimed.nudge_after"));
    after.clear();
    after.sendKeys("20m");
    browser.findElement(By.xpath("//button[normalize-space()='Save']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.cssSelector(".notice")).getText().contains("Set Billing"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText())
        .contains("Set Billing", "unclaimed.nudge_after to 20m");
    assertThat(bot.console("lea", "admin show billing")).contains("20m (set in chat by lea");
    shot("schedules", false);

    bot.console("max", "new Printer on fire");
    long id =
        bot
            .core()
            .cases()
            .list(TenantId.CONSOLE, QueuePage.OPEN, java.util.Optional.empty(), 100)
            .stream()
            .filter(c -> c.subject().equals("Printer on fire"))
            .findFirst()
            .orElseThrow()
            .id();
    // As Quartz would wake the case up (late or early wake-ups are harmless: it re-reads).
    WakeUp timers = new WakeUp.CaseTimers(TenantId.CONSOLE, id);
    bot.clock.advance(Duration.ofMinutes(19));
    bot.core().wakeUps().wake(timers);
    assertThat(bot.storage().nudges().forCase(TenantId.CONSOLE, id)).as("before 20 min").isEmpty();
    bot.clock.advance(Duration.ofMinutes(2));
    bot.core().wakeUps().wake(timers);
    assertThat(bot.storage().nudges().forCase(TenantId.CONSOLE, id))
        .as("after 20 min")
        .isNotEmpty();

    // A POST without the CSRF token, with the browser's own session cookie: 403, nothing changes.
    String cookie =
        "followup_session=" + browser.manage().getCookieNamed("followup_session").getValue();
    try (Response r =
        new OkHttpClient()
            .newCall(
                new Request.Builder()
                    .url(bot.url("/dashboard/schedules/billing"))
                    .header("Cookie", cookie)
                    .post(
                        new FormBody.Builder()
                            .add("s.unclaimed.nudge_after", "5m")
                            .add("was.unclaimed.nudge_after", "20m")
                            .build())
                    .build())
            .execute()) {
      assertThat(r.code()).isEqualTo(403);
    }
    assertThat(bot.storage().teamOverrides().changes("billing", 10)).hasSize(1);

    browser.get(bot.url("/dashboard/reminders"));
    accessible("reminders");
    shot("reminders", false);
    browser.get(bot.url("/dashboard/reports"));
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(
            b ->
                ((JavascriptExecutor) b)
                    .executeScript(
                        "return typeof Chart !== 'undefined' && Object.keys(Chart.instances).length === 4"));
    accessible("reports");
    shot("reports", true);
  }

  /** Twelve weeks of cases: opened, claimed, answered, resolved and rated as the weeks go by. */
  private void history() {
    for (int week = 0; week < 12; week++) {
      for (int i = 0; i < 3; i++) {
        bot.console("max", "new Week " + week + " case " + i + (i == 0 ? " !urgent" : ""));
      }
      int last =
          bot.core()
              .cases()
              .list(
                  TenantId.CONSOLE,
                  java.util.EnumSet.allOf(dev.followupbot.core.domain.CaseStatus.class),
                  java.util.Optional.empty(),
                  1000)
              .size();
      bot.clock.advance(Duration.ofMinutes(10 + 5 * (week % 4)));
      bot.console("max", "claim " + (last - 2));
      bot.console("lea", "claim " + (last - 1));
      bot.clock.advance(Duration.ofMinutes(30 + 10 * (week % 3)));
      bot.console("max", "answered " + (last - 2));
      bot.console("lea", "answered " + (last - 1));
      bot.clock.advance(Duration.ofHours(2 + week % 5));
      bot.console("max", "resolve " + (last - 2));
      if (week % 2 == 0) {
        bot.console("lea", "resolve " + (last - 1));
      }
      bot.console("max", "csat " + (last - 2) + " " + (3 + week % 3));
      bot.clock.advance(
          Duration.ofDays(7).minusHours(3 + week % 5).minusMinutes(50 + 15 * (week % 4)));
    }
    bot.console("lea", "remind 1 tomorrow 9am call the customer back");
    bot.console("lea", "remind in 2h check the refund went out");
  }

  /** axe-core's check of the page as it is: no violations. */
  private void accessible(String page) throws IOException {
    String axe;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    browser.executeScript(axe);
    Object violations =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
    assertThat((List<?>) violations).as("accessibility of the " + page + " page").isEmpty();
  }

  private void shot(String name, boolean forDocs) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Path out = Path.of("target", "dashboard-screenshots");
    Files.createDirectories(out);
    Files.write(out.resolve(name + ".png"), png);
    if (forDocs && Boolean.getBoolean("dashboard.docs")) {
      Path docs = Path.of("..", "docs");
      Files.createDirectories(docs);
      Files.write(docs.resolve("dashboard-" + name + ".png"), png);
    }
  }
}
