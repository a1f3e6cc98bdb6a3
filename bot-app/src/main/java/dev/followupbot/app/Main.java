package dev.followupbot.app;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.jdbc.DatabaseUnavailable;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar followup-bot.jar [serve|console|teams-package|copy-data|help]}. */
@Command(
    name = "followup-bot",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Keeps every customer case owned, answered and followed up, in Slack, Teams or a local console.",
      "",
      "Without a command it runs 'serve'."
    },
    subcommands = {
      ServeCommand.class,
      ConsoleCommand.class,
      TeamsPackageCommand.class,
      CopyDataCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally",
      "1:failed unexpectedly",
      "2:configuration error (the message says which variable, file or key)",
      "3:the database could not be opened"
    })
public final class Main implements Callable<Integer> {

  static final int CONFIG_ERROR = 2;
  static final int DATABASE_ERROR = 3;

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(commandLine(new Main()).execute(args));
  }

  /** The command line for {@code command}, with the exit codes and messages of the list above. */
  static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException) {
            commandLine.getErr().println("followup-bot: configuration error: " + e.getMessage());
            return CONFIG_ERROR;
          }
          if (e instanceof DatabaseUnavailable) {
            commandLine.getErr().println("followup-bot: " + e.getMessage());
            return DATABASE_ERROR;
          }
          commandLine.getErr().println("followup-bot: could not start: " + e);
          org.slf4j.LoggerFactory.getLogger(Main.class).error("start-up failed", e);
          return 1;
        });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    return new ServeCommand().call();
  }

  /**
   * Before anything logs: the console keeps the terminal for the conversation, so logs go to stderr
   * and only warnings show; the server logs at INFO to stdout. LOG_LEVEL overrides both.
   * LOG_FORMAT=json writes one JSON object per line instead of text (Settings refuses other values
   * than text and json).
   */
  private static void configureLogging(String[] args) {
    // copy-data prints a report on stdout that the pool's and Flyway's INFO lines would bury.
    boolean quiet = args.length > 0 && (args[0].equals("console") || args[0].equals("copy-data"));
    String level = System.getenv("LOG_LEVEL");
    System.setProperty(
        "followup.log.level",
        level == null || level.isBlank()
            ? (quiet ? "WARN" : "INFO")
            : level.toUpperCase(Locale.ROOT));
    System.setProperty("followup.log.target", quiet ? "System.err" : "System.out");
    String format = System.getenv("LOG_FORMAT");
    System.setProperty(
        "followup.log.appender",
        format != null && format.strip().equalsIgnoreCase("json") ? "JSON" : "TEXT");
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"followup-bot " + (v == null ? "(development build)" : v)};
    }
  }
}
