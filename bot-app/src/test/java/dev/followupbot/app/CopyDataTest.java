package dev.followupbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.followupbot.app.console.ConsoleChat;
import dev.followupbot.app.console.ConsoleMessenger;
import dev.followupbot.app.console.ConsoleOutput;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy-data} moves a bot's H2 file into PostgreSQL, and the bot carries on there: the same
 * cases, reminders and team settings, and the pending wake-ups fire. A real H2 file, a fresh schema
 * in the local PostgreSQL per test (skipped without one), and the real core driven through the
 * console.
 */
class CopyDataTest {

  @TempDir Path dir;

  private Path config;

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("followup.yaml");
    // The sweep runs once at start and then not for an hour: only Quartz delivers the reminder.
    Files.writeString(
        config,
        """
        admins: [ann]
        scheduler: {sweep_interval: 1h}
        teams:
          - id: billing
            name: Billing desk
            channels: [console]
        """);
  }

  private Map<String, String> onH2() {
    return Map.of(
        "FOLLOWUP_DATA_DIR", dir.resolve("data").toString(), "FOLLOWUP_CONFIG", config.toString());
  }

  private Map<String, String> on(DatabaseSettings pg) {
    return Map.of(
        "FOLLOWUP_DB_URL",
        pg.url(),
        "FOLLOWUP_DB_USER",
        pg.user(),
        "FOLLOWUP_CONFIG",
        config.toString());
  }

  @Test
  void the_bot_carries_on_in_postgresql_with_the_same_cases_reminders_settings_and_wake_ups()
      throws Exception {
    DatabaseSettings pg = TestDatabases.postgresSettings();
    try (Chat h2 = Chat.start(onH2())) {
      h2.say("new \"Refund for Acme\" for Dana !high");
      h2.say("claim 1");
      h2.say("new Broken login");
      h2.say("remind 1 in 3d call Dana back");
      h2.say("remind 2 in 15s check the login fix");
      h2.say("admin set billing unclaimed.nudge_after 20m");
      assertThat(h2.transcript()).contains("It's reminder 2.").doesNotContain("⏰");
    }
    List<String> wakeUpsOnH2 = wakeUps(h2Connection());

    Map<String, String> env = new HashMap<>(onH2());
    env.put("TARGET_PASSWORD", "pw-from-the-environment");
    Run copy =
        copyData(
            env,
            "--to",
            pg.url() + "&password=pw-in-the-url",
            "--to-user",
            pg.user(),
            "--to-password-env",
            "TARGET_PASSWORD");

    assertThat(copy.exit()).as(copy.toString()).isZero();
    assertThat(copy.out())
        .contains("Copied ")
        .containsPattern("cases +2\\b")
        .containsPattern("reminders +2\\b")
        .containsPattern("team_overrides +1\\b")
        .containsPattern("qrtz_triggers +\\d+")
        .contains("id sequences now continue after the copied ids")
        .contains("Copying jdbc:h2:", " to " + pg.url() + "&password=*** …")
        .contains("export FOLLOWUP_DB_URL='" + pg.url() + "'\n")
        .contains("export FOLLOWUP_DB_PASSWORD=\"$TARGET_PASSWORD\"")
        .contains("java -jar followup-bot.jar serve");
    assertThat(copy.out() + copy.err())
        .doesNotContain("pw-from-the-environment")
        .doesNotContain("pw-in-the-url");
    try (Connection c = pgConnection(pg)) {
      assertThat(wakeUps(c)).isNotEmpty().containsExactlyInAnyOrderElementsOf(wakeUpsOnH2);
    }

    try (Chat postgres = Chat.start(on(pg))) {
      postgres.say("cases all");
      postgres.say("reminders");
      postgres.say("admin show billing");
      postgres.say("new Third case");
      postgres.say("remind 3 in 2d ask for feedback");
      assertThat(postgres.transcript())
          .contains("#1 · Refund for Acme", "#2 · Broken login")
          .contains("call Dana back", "check the login fix")
          .containsPattern("nudge_after.*20m")
          .contains("[#3 · Third case]")
          .contains("It's reminder 3.");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> postgres.transcript().contains("⏰ Reminder: check the login fix"));
      assertThat(postgres.transcript()).doesNotContain("⏰ Reminder: call Dana back");
    }
  }

  @Test
  void a_target_that_already_holds_followup_data_is_refused_and_left_as_it_was() throws Exception {
    DatabaseSettings pg = TestDatabases.postgresSettings();
    try (Chat h2 = Chat.start(onH2())) {
      h2.say("new Refund");
    }
    assertThat(copyData(onH2(), "--to", pg.url(), "--to-user", pg.user()).exit()).isZero();

    Run again = copyData(onH2(), "--to", pg.url(), "--to-user", pg.user());

    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err())
        .contains("already holds followup-bot data: ")
        .contains("cases (1 row)")
        .contains("tenants (1 row)")
        .contains("nothing was copied");
    try (Connection c = pgConnection(pg);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT subject FROM cases")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("Refund");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void the_configured_database_is_refused_as_its_own_target_however_its_url_is_written()
      throws Exception {
    DatabaseSettings pg = TestDatabases.postgresSettings();

    Run same = copyData(on(pg), "--to", pg.url(), "--to-user", pg.user());
    Run spelledOtherwise =
        copyData(on(pg), "--to", pg.url() + "&ApplicationName=copy", "--to-user", pg.user());

    for (Run refused : List.of(same, spelledOtherwise)) {
      assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err())
          .contains("is the database followup-bot is configured with")
          .contains("nothing to copy");
    }
  }

  @Test
  void a_target_that_is_not_postgresql_or_a_password_variable_that_is_not_set_is_refused() {
    Run h2Target = copyData(onH2(), "--to", "jdbc:h2:/tmp/elsewhere");
    Run noPassword =
        copyData(
            onH2(),
            "--to",
            "jdbc:postgresql://127.0.0.1:5432/followup",
            "--to-password-env",
            "NOT_SET_ANYWHERE");
    Run noTarget = copyData(onH2());

    assertThat(h2Target.exit()).isEqualTo(2);
    assertThat(h2Target.err()).contains("--to must be a PostgreSQL URL such as jdbc:postgresql://");
    assertThat(noPassword.exit()).isEqualTo(2);
    assertThat(noPassword.err())
        .contains("--to-password-env NOT_SET_ANYWHERE: that environment variable is not set");
    assertThat(noTarget.exit()).isEqualTo(2);
    assertThat(noTarget.err()).contains("Missing required option: '--to=JDBC_URL'");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  private record Run(int exit, String out, String err) {}

  private static Run copyData(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine(new CopyDataCommand(env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Connection h2Connection() throws SQLException {
    return DriverManager.getConnection(
        DatabaseSettings.h2File(dir.resolve("data").toString()).url(), "sa", "");
  }

  private static Connection pgConnection(DatabaseSettings pg) throws SQLException {
    return DriverManager.getConnection(pg.url(), pg.user(), "");
  }

  /** Quartz's wake-up triggers: name, when each fires next, and its job's data. */
  private static List<String> wakeUps(Connection c) throws SQLException {
    List<String> found = new ArrayList<>();
    try (c;
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT t.TRIGGER_NAME, t.NEXT_FIRE_TIME, t.TRIGGER_STATE, j.JOB_DATA"
                    + " FROM QRTZ_TRIGGERS t JOIN QRTZ_JOB_DETAILS j"
                    + " ON j.SCHED_NAME = t.SCHED_NAME AND j.JOB_NAME = t.JOB_NAME"
                    + " AND j.JOB_GROUP = t.JOB_GROUP WHERE t.TRIGGER_GROUP = 'wake-ups'")) {
      while (rs.next()) {
        found.add(
            rs.getString(1)
                + " at "
                + rs.getLong(2)
                + " "
                + rs.getString(3)
                + " "
                + new String(rs.getBytes(4), StandardCharsets.ISO_8859_1));
      }
    }
    return found;
  }

  /** The bot on the given environment, chatted with as ann through the console adapter. */
  private static final class Chat implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Bot bot;
    private final ConsoleChat chat;

    private Chat(Map<String, String> env) {
      ConsoleOutput output =
          new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      bot =
          Bot.start(
              Settings.from(env), List.of(new ConsoleMessenger(output, "ann")), Clock.systemUTC());
      chat = new ConsoleChat(bot.core(), output, "ann", ZoneOffset.UTC, true);
    }

    static Chat start(Map<String, String> env) {
      return new Chat(env);
    }

    void say(String line) {
      chat.say(line);
    }

    String transcript() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() {
      bot.close();
    }
  }
}
