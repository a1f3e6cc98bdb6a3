package dev.followupbot.app.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders the dashboard's templates, compiled into the jar at build time (no compiler at run time),
 * and writes them with the headers every page gets.
 */
final class Pages {

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "dev.followupbot.app.dashboard.templates");

  String render(String template, Object model) {
    StringOutput out = new StringOutput();
    engine.render(template, model, out);
    return out.toString();
  }

  void write(HttpServletResponse response, int status, String template, Object model)
      throws IOException {
    send(response, status, "text/html;charset=utf-8", render(template, model));
  }

  static void send(HttpServletResponse response, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** Headers that keep the pages from being framed, sniffed, or leaking their links. */
  static void secure(HttpServletResponse response) {
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
