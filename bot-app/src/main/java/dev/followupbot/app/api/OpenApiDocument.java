package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI 3 document of the REST API, written by hand in {@code api/openapi.yaml} (anchors keep
 * the repeated action routes short) and served as JSON. A test checks it against the routes.
 */
public final class OpenApiDocument {

  public static final String RESOURCE = "/api/openapi.yaml";

  private OpenApiDocument() {}

  public static ObjectNode load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        Object tree = new Yaml(new LoaderOptions()).load(reader);
        return new ObjectMapper().valueToTree(tree);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
