package dev.followupbot.app;

import dev.followupbot.teams.TeamsAppPackage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the Teams app package (manifest with the app id, icons) to upload into Teams. */
@Command(
    name = "teams-package",
    mixinStandardHelpOptions = true,
    description = {
      "Write the Teams app package for your Azure Bot: config/teams/manifest.json with the app id filled in, and its icons.",
      "Upload the zip in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center."
    })
public final class TeamsPackageCommand implements Callable<Integer> {

  @Option(
      names = "--app-id",
      required = true,
      paramLabel = "GUID",
      description = "the bot's Microsoft App ID (MicrosoftAppId)")
  String appId;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "followup-teams.zip",
      description = "where to write the zip (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "an edited manifest.json to use instead of the built-in one (icons beside it)")
  Path manifest;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws Exception {
    byte[] zip = TeamsAppPackage.zip(appId, Optional.ofNullable(manifest));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, zip);
    stdout.println(
        "Wrote "
            + out
            + " for app id "
            + appId.strip().toLowerCase(java.util.Locale.ROOT)
            + ". Upload it in Teams: Apps > Manage your apps > Upload an app.");
    return 0;
  }
}
