package dev.followupbot.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.config.ConfigException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The app package Teams accepts: the manifest with the app id, and icons of the right size. */
class TeamsAppPackageTest {

  private static final String ID = "6F0E8A2C-4B1D-4C3E-9A7F-1D2E3F4A5B6C";

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  @Test
  void the_package_has_the_manifest_with_the_app_id_and_both_icons() throws IOException {
    Map<String, byte[]> files = unzip(TeamsAppPackage.zip(ID, Optional.empty()));
    assertThat(files).containsOnlyKeys("manifest.json", "color.png", "outline.png");
    JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
    String id = ID.toLowerCase();
    assertThat(manifest.path("id").asText()).isEqualTo(id);
    assertThat(manifest.at("/bots/0/botId").asText()).isEqualTo(id);
    assertThat(manifest.at("/bots/0/scopes").toString())
        .contains("personal")
        .contains("team")
        .contains("groupChat");
    assertThat(manifest.toString()).doesNotContain("{{");
    for (JsonNode list : manifest.at("/bots/0/commandLists")) {
      assertThat(list.path("commands").size()).isBetween(1, 10);
    }
    BufferedImage color = ImageIO.read(new ByteArrayInputStream(files.get("color.png")));
    BufferedImage outline = ImageIO.read(new ByteArrayInputStream(files.get("outline.png")));
    assertThat(color.getWidth()).isEqualTo(192);
    assertThat(color.getHeight()).isEqualTo(192);
    assertThat(outline.getWidth()).isEqualTo(32);
    assertThat(outline.getHeight()).isEqualTo(32);
    assertThat(outline.getColorModel().hasAlpha()).isTrue();
  }

  @Test
  void an_app_id_that_is_not_a_guid_is_refused() {
    assertThatThrownBy(() -> TeamsAppPackage.zip("my-bot", Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--app-id my-bot is not valid")
        .hasMessageContaining("GUID");
  }
}
