package dev.followupbot.app.http;

import dev.followupbot.core.http.KeepAlive;
import dev.followupbot.core.port.WebhookTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link WebhookTransport} on OkHttp: one POST per call, short timeouts, no redirects followed (a
 * receiver that moved must be configured at its new URL) and no silent retries, except on a
 * connection the receiver had closed while it sat idle, which never carried the request ({@link
 * KeepAlive}).
 */
public final class OkHttpWebhookTransport implements WebhookTransport {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;

  public OkHttpWebhookTransport() {
    this(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  public OkHttpWebhookTransport(Duration connectTimeout, Duration readTimeout) {
    this.http =
        KeepAlive.apply(new OkHttpClient.Builder())
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .callTimeout(connectTimeout.plus(readTimeout).plus(readTimeout))
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  @Override
  public int post(String url, Map<String, String> headers, byte[] body) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      // The exception names the host at most, never the query string or the headers.
      throw new Unreachable(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          null);
    }
  }

  /** Lets idle connections and threads go. */
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
