package dev.followupbot.core.domain;

import java.util.Objects;

/**
 * A workspace on one platform: a Slack team, a Teams tenant or the local console. Every stored row
 * belongs to exactly one tenant and no query crosses tenants.
 */
public record TenantId(Platform platform, String workspace) {

  public static final TenantId CONSOLE = new TenantId(Platform.CONSOLE, "local");

  public TenantId {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(workspace, "workspace");
    if (workspace.isBlank() || workspace.length() > 140) {
      throw new IllegalArgumentException("workspace must be 1-140 characters");
    }
  }

  /** The stored form, for example {@code slack:T0123}. */
  public String key() {
    return platform.key() + ":" + workspace;
  }

  public static TenantId fromKey(String key) {
    int colon = key.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("not a tenant key: " + key);
    }
    return new TenantId(Platform.fromKey(key.substring(0, colon)), key.substring(colon + 1));
  }

  @Override
  public String toString() {
    return key();
  }
}
