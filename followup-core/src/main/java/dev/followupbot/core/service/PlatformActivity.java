package dev.followupbot.core.service;

import dev.followupbot.core.domain.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each platform last accepted a call from this process, for {@code /healthz}: a platform that
 * has not answered for a long time while messages wait is worth a look.
 */
public final class PlatformActivity {

  private final Map<Platform, Instant> lastSuccess = new ConcurrentHashMap<>();

  void succeeded(Platform platform, Instant at) {
    lastSuccess.merge(platform, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  public Optional<Instant> lastSuccess(Platform platform) {
    return Optional.ofNullable(lastSuccess.get(platform));
  }
}
