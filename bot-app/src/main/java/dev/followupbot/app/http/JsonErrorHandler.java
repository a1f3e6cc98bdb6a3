package dev.followupbot.app.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error the server answers by itself, as one JSON object in our own words: an ambiguous URI,
 * a method a servlet does not take, headers too large, a body that does not arrive, a failure in a
 * servlet. Never HTML, never the request's URI or an exception's name, never Jetty's version. The
 * same handler answers errors found while parsing a request, before any handler runs.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final Map<Integer, String> WORDS =
      Map.ofEntries(
          Map.entry(400, "bad request"),
          Map.entry(404, "not found"),
          Map.entry(405, "method not allowed"),
          Map.entry(408, "the request body did not arrive in time"),
          Map.entry(411, "a request body needs a Content-Length"),
          Map.entry(413, "request too large"),
          Map.entry(414, "the URI is too long"),
          Map.entry(415, "unsupported content type"),
          Map.entry(431, "the request headers are too large"),
          Map.entry(500, "internal error"),
          Map.entry(501, "method not implemented"),
          Map.entry(503, "busy: try again shortly"));

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  /** {@code {"error":"…"}} for the status. */
  static byte[] body(int status) {
    String words =
        WORDS.getOrDefault(status, HttpStatus.getMessage(status).toLowerCase(Locale.ROOT));
    return ("{\"error\":\"" + words + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
      status = http.getCode();
    }
    if (status < 400) {
      status = 500;
    }
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    SecurityHeaders.addTo(headers);
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    byte[] body = body(status);
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    headers.put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** Errors found while parsing: 400 for a bad URI, 431 for huge headers, and the like. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    SecurityHeaders.addTo(fields);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status));
  }
}
