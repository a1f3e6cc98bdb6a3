package dev.followupbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.followupbot.core.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Teams app package to upload (sideload) into Teams: {@code manifest.json} with the bot's app
 * id filled in, and the two icons. Built from the copy of {@code config/teams/} inside the jar, or
 * from an edited manifest next to its own icons.
 */
public final class TeamsAppPackage {

  static final String PLACEHOLDER = "{{MICROSOFT_APP_ID}}";
  private static final String BUILT_IN = "/dev/followupbot/teams/app-package/";
  private static final String[] ICONS = {"color.png", "outline.png"};

  private TeamsAppPackage() {}

  /**
   * The zip for this app id.
   *
   * @param manifest an edited manifest.json (icons beside it), or empty for the built-in one
   * @throws ConfigException when the app id is not a GUID or the manifest is unusable
   */
  public static byte[] zip(String appId, Optional<Path> manifest) {
    if (appId == null || !TeamsSettings.GUID.matcher(appId.strip()).matches()) {
      throw new ConfigException(
          "--app-id "
              + appId
              + " is not valid: expected the bot's Microsoft App ID from the Azure Bot registration,"
              + " a GUID such as 00000000-0000-0000-0000-000000000000.");
    }
    String id = appId.strip().toLowerCase(Locale.ROOT);
    String template = new String(read(manifest, "manifest.json"), StandardCharsets.UTF_8);
    String filled = template.replace(PLACEHOLDER, id);
    JsonNode json;
    try {
      json = TeamsJson.MAPPER.readTree(filled);
    } catch (IOException e) {
      throw new ConfigException("the manifest is not valid JSON: " + e.getMessage());
    }
    if (!json.path("bots").path(0).path("botId").asText().equalsIgnoreCase(id)) {
      throw new ConfigException(
          "the manifest's bots[0].botId must be " + PLACEHOLDER + " or the app id " + id + ".");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      add(zip, "manifest.json", filled.getBytes(StandardCharsets.UTF_8));
      for (String icon : ICONS) {
        add(zip, icon, read(manifest, icon));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void add(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static byte[] read(Optional<Path> manifest, String name) {
    try {
      if (manifest.isPresent()) {
        Path file = name.equals("manifest.json") ? manifest.get() : sibling(manifest.get(), name);
        if (!Files.isRegularFile(file)) {
          throw new ConfigException(
              file + " does not exist: the manifest needs color.png and outline.png beside it.");
        }
        return Files.readAllBytes(file);
      }
      try (InputStream in = TeamsAppPackage.class.getResourceAsStream(BUILT_IN + name)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks the Teams app package file " + name);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path sibling(Path manifest, String name) {
    Path dir = manifest.toAbsolutePath().getParent();
    return dir.resolve(name);
  }
}
