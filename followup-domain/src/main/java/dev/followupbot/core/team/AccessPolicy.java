package dev.followupbot.core.team;

import dev.followupbot.core.domain.UserRef;

/** Decides who may act on cases they do not own: the admins named in configuration. */
@FunctionalInterface
public interface AccessPolicy {

  boolean isAdmin(UserRef user);

  static AccessPolicy nobody() {
    return user -> false;
  }
}
