package dev.followupbot.app.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The scripts and styles the pages load, all from the jar: htmx and Chart.js from their WebJars,
 * the dashboard's own stylesheet and script beside this class. No CDN at run time.
 */
final class Assets {

  private static final Map<String, String> FILES =
      Map.of(
          "htmx.min.js",
          "/META-INF/resources/webjars/htmx.org/" + Versions.HTMX + "/dist/htmx.min.js",
          "chart.umd.min.js",
          "/META-INF/resources/webjars/chart.js/" + Versions.CHARTJS + "/dist/chart.umd.min.js",
          "dashboard.css",
          "/dev/followupbot/app/dashboard/assets/dashboard.css",
          "dashboard.js",
          "/dev/followupbot/app/dashboard/assets/dashboard.js");

  private Assets() {}

  /** Serves {@code name}; false when there is no such asset. */
  static boolean serve(String name, HttpServletResponse response) throws IOException {
    String path = FILES.get(name);
    if (path == null) {
      return false;
    }
    byte[] bytes;
    try (InputStream in = Assets.class.getResourceAsStream(path)) {
      if (in == null) {
        return false;
      }
      bytes = in.readAllBytes();
    }
    response.setStatus(200);
    response.setContentType(
        name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8");
    response.setHeader("Cache-Control", "public, max-age=3600");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    return true;
  }

  /** The WebJars' versions, as the build resolved them (written by Maven resource filtering). */
  static final class Versions {
    static final String HTMX;
    static final String CHARTJS;

    static {
      java.util.Properties p = new java.util.Properties();
      try (InputStream in =
          Assets.class.getResourceAsStream("/dev/followupbot/app/dashboard/webjars.properties")) {
        p.load(in);
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("webjars.properties is missing from the jar", e);
      }
      HTMX = p.getProperty("htmx");
      CHARTJS = p.getProperty("chartjs");
    }

    private Versions() {}
  }
}
