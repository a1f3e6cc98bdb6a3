package dev.followupbot.core.service;

import dev.followupbot.core.domain.Platform;
import dev.followupbot.core.port.Messenger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The messengers this process has, one per platform; the core picks one by a tenant's platform. */
public final class Messengers {

  private final Map<Platform, Messenger> byPlatform = new EnumMap<>(Platform.class);

  public Messengers(Iterable<Messenger> messengers) {
    for (Messenger m : messengers) {
      byPlatform.put(m.platform(), m);
    }
  }

  public Optional<Messenger> forPlatform(Platform platform) {
    return Optional.ofNullable(byPlatform.get(platform));
  }

  /**
   * Platforms this process can deliver to; messages for other platforms wait for a process that
   * can.
   */
  public Set<Platform> platforms() {
    return Set.copyOf(byPlatform.keySet());
  }
}
