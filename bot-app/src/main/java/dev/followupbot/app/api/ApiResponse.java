package dev.followupbot.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A successful API answer: the status, the JSON body, and the outbox entries the change queued
 * (card updates, hand-off notes), which the servlet delivers once the answer is sent.
 */
public record ApiResponse(int status, JsonNode body, List<Long> deliveries) {

  public ApiResponse {
    Objects.requireNonNull(body, "body");
    deliveries = List.copyOf(deliveries);
  }

  public ApiResponse(int status, JsonNode body) {
    this(status, body, List.of());
  }

  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }
}
