package dev.followupbot.teams;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.authentication.SimpleChannelProvider;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import dev.followupbot.core.http.KeepAlive;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Bot Builder's HTTP adapter with three changes. Connector clients exist only for allow-listed
 * service URLs, and every request they make is checked again (the SDK would build a client, and
 * attach the bot's token, for any URL an activity names). They never retry on their own: the SDK's
 * default retry handler repeats a POST up to three times without waiting on 408 and 5xx, which can
 * double-post; the core's outbox retries instead, with backoff and jitter. The one exception is a
 * post that landed on a pooled connection the connector had already closed, which the connector
 * never received: it goes again at once on a fresh connection ({@link KeepAlive}). And outbound
 * credentials come from an {@link AppCredentialsSource}, so a single-tenant bot gets tokens from
 * its own tenant.
 */
final class TeamsBotAdapter extends BotFrameworkHttpAdapter {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ServiceUrlPolicy serviceUrls;
  private final AppCredentialsSource credentials;
  private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();

  TeamsBotAdapter(TeamsSettings settings, AppCredentialsSource credentials) {
    super(
        new SimpleCredentialProvider(settings.appId(), settings.password()),
        new SimpleChannelProvider());
    this.serviceUrls = settings.serviceUrls();
    this.credentials = credentials;
  }

  /** Production credentials: client credentials from the bot's tenant, or botframework.com. */
  static AppCredentialsSource entraId(TeamsSettings settings) {
    return (appId, scope) ->
        appId == null || appId.isBlank()
            ? MicrosoftAppCredentials.empty()
            : new MicrosoftAppCredentials(
                appId, settings.password(), settings.tenantId().orElse(null), scope);
  }

  @Override
  protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
    return CompletableFuture.completedFuture(credentials.credentials(appId, scope));
  }

  @Override
  protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(
      String serviceUrl, AppCredentials usingAppCredentials) {
    if (!serviceUrls.allows(serviceUrl)) {
      return CompletableFuture.failedFuture(
          new UnlistedServiceUrl(ServiceUrlPolicy.hostOf(String.valueOf(serviceUrl))));
    }
    AppCredentials creds =
        usingAppCredentials != null ? usingAppCredentials : MicrosoftAppCredentials.empty();
    String key = serviceUrl + "|" + creds.getAppId() + "|" + creds.oAuthScope();
    return CompletableFuture.completedFuture(
        clients.computeIfAbsent(key, k -> connectorClient(serviceUrl, creds)));
  }

  private ConnectorClient connectorClient(String serviceUrl, AppCredentials creds) {
    Interceptor guard = new HostGuard(serviceUrls);
    OkHttpClient.Builder http =
        KeepAlive.apply(new OkHttpClient.Builder())
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(guard)
            .addNetworkInterceptor(guard);
    RestClient rest =
        new RestClient.Builder(http, new retrofit2.Retrofit.Builder())
            .withBaseUrl(serviceUrl)
            .withCredentials(creds)
            .withSerializerAdapter(new JacksonAdapter())
            .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
            .withRetryStrategy(new NoRetry())
            .withConnectionTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .withReadTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    return new RestConnectorClient(rest);
  }

  /** One attempt per call: the core decides whether and when to try again. */
  static final class NoRetry extends RetryStrategy {
    NoRetry() {
      super("none", false);
    }

    @Override
    public boolean shouldRetry(int retryCount, okhttp3.Response response) {
      return false;
    }
  }

  /** Refuses any request to a host off the list, before a token is fetched or attached. */
  static final class HostGuard implements Interceptor {
    private final ServiceUrlPolicy serviceUrls;

    HostGuard(ServiceUrlPolicy serviceUrls) {
      this.serviceUrls = serviceUrls;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      String url = chain.request().url().toString();
      if (!serviceUrls.allows(url)) {
        throw new IOException(new UnlistedServiceUrl(chain.request().url().host()));
      }
      return chain.proceed(chain.request());
    }
  }

  /** A service URL whose host is not on the allow-list. */
  static final class UnlistedServiceUrl extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnlistedServiceUrl(String host) {
      super(
          "service URL host "
              + host
              + " is not on the allow-list (Microsoft's Bot Connector hosts and "
              + TeamsSettings.SERVICE_URL_HOSTS
              + ")");
    }
  }
}
