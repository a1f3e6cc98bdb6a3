package dev.followupbot.slack;

import com.google.gson.Gson;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Slack client's Web API methods, answers read with one {@link Gson} for the life of the
 * client. The stock client builds a new Gson for every answer, which throws away Gson's cache of
 * type adapters: each {@code chat.postMessage} answer then rebuilds, by reflection, the adapters of
 * the whole message model, and a reminder storm spent about a third of its CPU on that. Requests
 * are built and sent by the stock client; a non-200 answer is a {@link SlackApiException} as
 * before, and the client's response listeners still run.
 */
final class OneGsonMethodsClient extends MethodsClientImpl {

  private final SlackHttpClient http;
  private final Gson gson;

  OneGsonMethodsClient(SlackHttpClient http, SlackConfig config, String token) {
    super(http, token);
    setEndpointUrlPrefix(config.getMethodsEndpointUrlPrefix());
    this.http = http;
    this.gson = GsonFactory.createSnakeCase(config);
  }

  @Override
  protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(
      FormBody.Builder form, String methodName, String token, Class<T> type)
      throws IOException, SlackApiException {
    try (Response response = runPostFormWithToken(form, methodName, token)) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw new SlackApiException(http.getConfig(), response, text);
      }
      try {
        T answer = gson.fromJson(text, type);
        if (answer == null) {
          throw new IOException(methodName + " answered with an empty body");
        }
        answer.setHttpResponseHeaders(headers(response));
        return answer;
      } finally {
        http.runHttpResponseListeners(response, text);
      }
    }
  }

  private static Map<String, List<String>> headers(Response response) {
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : response.headers().names()) {
      headers.put(name.toLowerCase(Locale.ROOT), response.headers(name));
    }
    return headers;
  }
}
