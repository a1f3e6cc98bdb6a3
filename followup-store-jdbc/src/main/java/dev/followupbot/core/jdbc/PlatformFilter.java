package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.Platform;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A SQL condition matching rows of tenants on the given platforms (tenant ids start with the
 * platform key). Built only from enum constants, never from input.
 */
final class PlatformFilter {

  private PlatformFilter() {}

  static String sql(Set<Platform> platforms) {
    if (platforms.isEmpty()) {
      return "1 = 0";
    }
    return platforms.stream()
        .sorted()
        .map(p -> "tenant_id LIKE '" + p.key() + ":%'")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }
}
