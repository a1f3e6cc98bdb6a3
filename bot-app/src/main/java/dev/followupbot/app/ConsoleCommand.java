package dev.followupbot.app;

import dev.followupbot.app.console.ConsoleChat;
import dev.followupbot.app.console.ConsoleMessenger;
import dev.followupbot.app.console.ConsoleOutput;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A local chat with the bot on the same database and scheduler as the server. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Chat with the bot in this terminal as a user of the local workspace. Reminders print here when due.",
      "Reads standard input, so it also works piped: printf 'new Refund for Acme\\nclaim 1\\n' | followup-bot console"
    })
public final class ConsoleCommand implements Callable<Integer> {

  @Option(names = "--user", paramLabel = "NAME", description = "who you are (default: $USER)")
  String user;

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      description = "your time zone, e.g. Europe/Berlin (default: this computer's)")
  String zone;

  @Override
  public Integer call() throws Exception {
    ZoneId tz;
    try {
      tz = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new dev.followupbot.core.config.ConfigException(
          "--tz "
              + zone
              + " is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC.");
    }
    String name =
        user != null && !user.isBlank() ? user.strip() : System.getProperty("user.name", "me");
    name = name.replaceAll("[^\\p{L}\\p{N}._'-]", "");
    if (name.isEmpty()) {
      name = "me";
    }
    ConsoleOutput output = new ConsoleOutput(System.out);
    Settings settings = Settings.from(System.getenv());
    try (Bot bot =
        Bot.start(settings, List.of(new ConsoleMessenger(output, name)), Clock.systemUTC())) {
      new ConsoleChat(bot.core(), output, name, tz, System.console() == null).run(System.in);
    }
    return 0;
  }
}
