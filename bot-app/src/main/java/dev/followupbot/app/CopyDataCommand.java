package dev.followupbot.app;

import dev.followupbot.app.copy.CopyReport;
import dev.followupbot.app.copy.Preflight;
import dev.followupbot.app.copy.TableCopy;
import dev.followupbot.core.jdbc.Database;
import dev.followupbot.core.jdbc.DatabaseSettings;
import dev.followupbot.core.jdbc.DatabaseUnavailable;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Moves a followup-bot database (usually the H2 file) into an empty PostgreSQL database. */
@Command(
    name = "copy-data",
    mixinStandardHelpOptions = true,
    description = {
      "Copy everything from the database followup-bot is configured with (the H2 file under"
          + " $FOLLOWUP_DATA_DIR, or $FOLLOWUP_DB_URL) into an empty PostgreSQL database:"
          + " cases, reminders, team settings and pending wake-ups, in one transaction.",
      "Stop the bot first. The source is left as it was."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  export FOLLOWUP_PG_PASSWORD=…",
      "  followup-bot copy-data --to jdbc:postgresql://db:5432/followup \\",
      "    --to-user followup --to-password-env FOLLOWUP_PG_PASSWORD"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:copied",
      "1:the copy failed; nothing was kept in the target",
      "2:refused: the target already holds data, is the source, or an option is wrong",
      "3:a database could not be opened (the H2 file is in use, or the server is unreachable)"
    })
public final class CopyDataCommand implements Callable<Integer> {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "JDBC_URL",
      description = "the PostgreSQL database to fill, e.g. jdbc:postgresql://db:5432/followup")
  String to;

  @Option(names = "--to-user", paramLabel = "USER", description = "the user to connect as")
  String user;

  @Option(
      names = "--to-password-env",
      paramLabel = "VAR",
      description = "the environment variable that holds the password (kept off the command line)")
  String passwordEnv;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public CopyDataCommand() {
    this(System.getenv());
  }

  CopyDataCommand(Map<String, String> env) {
    this.env = env;
  }

  /** Refused before anything is written; exit code 2. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    try {
      copy(out);
      return 0;
    } catch (Refused e) {
      spec.commandLine().getErr().println("followup-bot copy-data: " + e.getMessage());
      return Main.CONFIG_ERROR;
    } catch (SQLException | IllegalStateException e) {
      spec.commandLine()
          .getErr()
          .println(
              "followup-bot copy-data: the copy failed and nothing was kept in the target: "
                  + redact(e.getMessage()));
      return 1;
    } finally {
      out.flush();
    }
  }

  private void copy(PrintWriter out) throws SQLException {
    if (!to.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new Refused(
          "--to must be a PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/followup, not "
              + redact(to)
              + ".");
    }
    DatabaseSettings target = new DatabaseSettings(to, user, password(), 2);
    DatabaseSettings configured = Settings.from(env).database();
    DatabaseSettings source =
        new DatabaseSettings(configured.url(), configured.user(), configured.password(), 2);
    if (source.url().equalsIgnoreCase(target.url())) {
      throw sameDatabase(source);
    }
    out.println("Copying " + redact(source.url()) + " to " + redact(to) + " …");
    out.flush();
    try (Database from = open(source);
        Database into = open(target)) {
      if (from.vendor() == Database.Vendor.POSTGRESQL
          && Preflight.samePostgresSchema(from.dataSource(), into.dataSource())) {
        throw sameDatabase(source);
      }
      List<String> held = Preflight.dataHeldBy(into.dataSource());
      if (!held.isEmpty()) {
        throw new Refused(
            redact(to)
                + " already holds followup-bot data: "
                + String.join(", ", held)
                + ". copy-data only fills an empty database, so nothing was copied."
                + " Point --to at a new database or schema (…?currentSchema=followup), or empty it first.");
      }
      CopyReport report = TableCopy.copy(from.dataSource(), into.dataSource());
      report.lines().forEach(out::println);
      nextSteps(out, from.vendor());
    }
  }

  private String password() {
    if (passwordEnv == null) {
      return null;
    }
    String value = env.get(passwordEnv);
    if (value == null || value.isEmpty()) {
      throw new Refused(
          "--to-password-env "
              + passwordEnv
              + ": that environment variable is not set. Set it to the target's password.");
    }
    return value;
  }

  /** The database's own messages name its URL, which may hold a password. */
  private static Database open(DatabaseSettings settings) {
    try {
      return Database.open(settings);
    } catch (DatabaseUnavailable e) {
      throw new DatabaseUnavailable(redact(e.getMessage()), e);
    }
  }

  private Refused sameDatabase(DatabaseSettings source) {
    return new Refused(
        "--to "
            + redact(to)
            + " is the database followup-bot is configured with ("
            + redact(source.url())
            + "); there is nothing to copy. Name the new, empty database.");
  }

  private void nextSteps(PrintWriter out, Database.Vendor from) {
    out.println();
    out.println("Next: start followup-bot on PostgreSQL with the same configuration:");
    String url = to.replaceAll("(?i)[?&]password=[^&]*$|(?<=[?&])password=[^&]*&", "");
    out.println("  export FOLLOWUP_DB_URL='" + url + "'");
    if (user != null) {
      out.println("  export FOLLOWUP_DB_USER='" + user + "'");
    }
    if (passwordEnv != null) {
      out.println("  export FOLLOWUP_DB_PASSWORD=\"$" + passwordEnv + "\"");
    } else if (!url.equals(to)) {
      out.println("  export FOLLOWUP_DB_PASSWORD=…   # the password that was in --to");
    }
    out.println("  java -jar followup-bot.jar serve");
    if (from == Database.Vendor.H2) {
      out.println(
          "The H2 file is unchanged; keep it as a backup until you are satisfied, and do not"
              + " start the bot on it again, or the two databases drift apart.");
    }
  }

  /** The text without any {@code password=…} URL parameter's value. */
  static String redact(String text) {
    return text == null ? "" : text.replaceAll("(?i)(password=)[^&;\\s'\"]*", "$1***");
  }
}
