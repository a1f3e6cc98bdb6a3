package dev.followupbot.core.webhook;

import dev.followupbot.core.config.ConfigException;
import dev.followupbot.core.config.WebhookSpec;
import dev.followupbot.core.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configured webhooks with their secrets, read once at start-up. A webhook whose secret
 * variable is unset, blank or too short stops start-up with a message that names the variable
 * (never its value).
 */
public final class WebhookTargets {

  /** Shorter secrets are too easy to guess for an HMAC key. */
  public static final int MIN_SECRET = 16;

  private final List<WebhookTarget> targets;

  private WebhookTargets(List<WebhookTarget> targets) {
    this.targets = List.copyOf(targets);
  }

  public static WebhookTargets none() {
    return new WebhookTargets(List.of());
  }

  /** The webhooks in {@code specs}, each with the secret its {@code secret_env} names. */
  public static WebhookTargets resolve(
      List<WebhookSpec> specs, Function<String, Optional<String>> secrets) {
    List<WebhookTarget> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      WebhookSpec spec = specs.get(i);
      String which = "webhook " + (i + 1) + " (" + spec.safeUrl() + ")";
      Optional<String> secret = secrets.apply(spec.secretEnv()).map(String::strip);
      if (secret.isEmpty() || secret.get().isEmpty()) {
        throw new ConfigException(
            spec.secretEnv()
                + " is not set: "
                + which
                + " signs its events with it. Set it to a random string of at least "
                + MIN_SECRET
                + " characters (for example the output of `openssl rand -hex 32`), and give the"
                + " same secret to the receiver.");
      }
      if (secret.get().length() < MIN_SECRET) {
        throw new ConfigException(
            spec.secretEnv()
                + " is too short for "
                + which
                + ": a signing secret needs at least "
                + MIN_SECRET
                + " characters (for example the output of `openssl rand -hex 32`).");
      }
      out.add(new WebhookTarget(spec, secret.get()));
    }
    return new WebhookTargets(out);
  }

  public List<WebhookTarget> all() {
    return targets;
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  public Optional<WebhookTarget> byId(String id) {
    return targets.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The webhooks that want this event. */
  public List<WebhookTarget> wanting(TenantId tenant, String type) {
    return targets.stream().filter(t -> t.wants(tenant, type)).toList();
  }
}
