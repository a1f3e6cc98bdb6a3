package dev.followupbot.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.followupbot.core.port.WebhookTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the receivers webhooks POST to: records every request and answers with the
 * statuses it is told to (200 by default), or not at all. It plays the receiver's part (outside the
 * project), not one of our classes.
 */
public final class RecordingWebhookReceiver implements WebhookTransport {

  /** One POST as the receiver saw it. */
  public record Received(String url, Map<String, String> headers, String body) {
    public JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String type() {
      return headers.get("X-Followup-Event");
    }
  }

  /** What the receiver does with the next request: a status, or no answer (-1). */
  private final Deque<Integer> answers = new ArrayDeque<>();

  private final List<Received> received = new ArrayList<>();

  @Override
  public synchronized int post(String url, Map<String, String> headers, byte[] body) {
    received.add(new Received(url, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8)));
    Integer answer = answers.poll();
    if (answer != null && answer < 0) {
      throw new Unreachable("connect timed out", null);
    }
    return answer == null ? 200 : answer;
  }

  /** The next requests get these statuses, in order; -1 means no answer at all. */
  public synchronized void answerNext(Integer... statuses) {
    answers.addAll(List.of(statuses));
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The event types received, in order. */
  public synchronized List<String> types() {
    return received.stream().map(Received::type).toList();
  }

  public synchronized void clear() {
    received.clear();
  }
}
