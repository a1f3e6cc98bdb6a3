package dev.followupbot.core;

import dev.followupbot.core.port.WebhookTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the core reports to, supplied by the launcher: the metrics registry, the HTTP transport for
 * webhooks, and where webhook signing secrets are looked up by the variable name the configuration
 * gives (the environment, in production), and the address people open the dashboard at (its sign-in
 * links start with it; empty where nothing serves it), asked when a link is made: with port 0 it is
 * known only once the server listens.
 */
public record Integrations(
    MeterRegistry meters,
    WebhookTransport webhooks,
    Function<String, Optional<String>> secrets,
    Supplier<Optional<URI>> publicUrl) {

  public Integrations {
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** No dashboard links. */
  public Integrations(
      MeterRegistry meters, WebhookTransport webhooks, Function<String, Optional<String>> secrets) {
    this(meters, webhooks, secrets, Optional::empty);
  }

  /** Metrics kept in memory, no webhook transport, no secrets: for tests and tools. */
  public static Integrations none() {
    return new Integrations(
        new SimpleMeterRegistry(), WebhookTransport.none(), name -> Optional.empty());
  }
}
