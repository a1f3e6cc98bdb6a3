package dev.followupbot.app.dashboard;

import dev.followupbot.app.ServeCommand;
import dev.followupbot.app.Settings;
import dev.followupbot.app.console.ConsoleChat;
import dev.followupbot.app.console.ConsoleOutput;
import dev.followupbot.core.FollowupCore;
import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.service.Caller;
import dev.followupbot.core.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code serve}) on a free loopback port, with a team whose channel is the
 * console's, so a console conversation (lead Lea, member Max) opens the team's cases; another
 * workspace (Slack T0OTHER) has cases of its own. The clock is a {@link MutableClock} far from the
 * wall clock, so Quartz fires nothing by itself.
 */
final class DashboardServer implements AutoCloseable {

  static final TenantId OTHER = new TenantId(Platform.SLACK, "T0OTHER");

  static final String CONFIG =
      """
      scheduler:
        sweep_interval: 1h
      defaults:
        unclaimed: {nudge_after: 1h, escalation: []}
        stale: {after: off}
        digest: {team: off, personal: off}
        nudges: {group_window: 0s}
      teams:
        - id: billing
          name: Billing
          channels: [console]
          leads: [lea]
          admins: [lea]
          members: [max, lea]
          business_hours: always
      """;

  final MutableClock clock;
  final ServeCommand.Server server;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ConsoleOutput output =
      new ConsoleOutput(new PrintStream(printed, true, StandardCharsets.UTF_8));

  DashboardServer(Path dir, String start) throws Exception {
    clock = MutableClock.at(start);
    Path config = dir.resolve("followup.yaml");
    Files.writeString(config, CONFIG);
    server =
        ServeCommand.Server.start(
            Settings.from(
                Map.of(
                    "PORT", "0",
                    "FOLLOWUP_DATA_DIR", dir.resolve("data").toString(),
                    "FOLLOWUP_CONFIG", config.toString())),
            clock);
  }

  FollowupCore core() {
    return server.bot().core();
  }

  /** The stores beneath the core, for assertions on what was kept. */
  dev.followupbot.core.port.Storage storage() {
    return server.bot().storage();
  }

  String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  /** Says {@code text} in the console as {@code user}; returns what the bot printed. */
  synchronized String console(String user, String text) {
    printed.reset();
    new ConsoleChat(core(), output, user, ZoneId.of("Europe/Berlin"), false).say(text);
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** Says {@code text} in the other workspace's Slack channel. */
  String otherWorkspace(String text) {
    return core()
        .commands()
        .handle(new Caller(OTHER, "UOTTO", "Otto", ZoneId.of("UTC"), "C0OTHER"), text)
        .message()
        .fallbackText();
  }

  /** The sign-in link in the answer to {@code dashboard}. */
  String signInLink(String user) {
    String answer = console(user, "dashboard");
    Matcher m =
        Pattern.compile("(http://\\S+/dashboard/sign-in\\?token=[A-Za-z0-9_-]+)").matcher(answer);
    if (!m.find()) {
      throw new AssertionError("no sign-in link in: " + answer);
    }
    return m.group(1);
  }

  @Override
  public void close() {
    server.close();
  }
}
