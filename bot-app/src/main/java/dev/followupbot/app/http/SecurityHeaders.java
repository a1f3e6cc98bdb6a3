package dev.followupbot.app.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The headers every answer carries: no content sniffing, no referrer, and a policy that lets a page
 * load nothing and be framed by nobody. The JSON answers need none of it; they are there so that a
 * page served later (or a browser pointed at an error) cannot be turned against its reader. A
 * servlet that serves HTML may set its own {@code Content-Security-Policy}.
 */
public final class SecurityHeaders extends Handler.Wrapper {

  public SecurityHeaders(Handler next) {
    super(next);
  }

  static void addTo(HttpFields.Mutable headers) {
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    if (!headers.contains("Content-Security-Policy")) {
      headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    addTo(response.getHeaders());
    return super.handle(request, response, callback);
  }
}
