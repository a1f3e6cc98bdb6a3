package dev.followupbot.core;

import dev.followupbot.core.port.WebhookTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the core reports to, supplied by the launcher: the metrics registry, the HTTP transport for
 * webhooks, and where webhook signing secrets are looked up by the variable name the configuration
 * gives (the environment, in production).
 */
public record Integrations(
    MeterRegistry meters, WebhookTransport webhooks, Function<String, Optional<String>> secrets) {

  public Integrations {
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(secrets, "secrets");
  }

  /** Metrics kept in memory, no webhook transport, no secrets: for tests and tools. */
  public static Integrations none() {
    return new Integrations(
        new SimpleMeterRegistry(), WebhookTransport.none(), name -> Optional.empty());
  }
}
