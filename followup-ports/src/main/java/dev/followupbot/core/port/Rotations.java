package dev.followupbot.core.port;

import dev.followupbot.core.domain.TenantId;

/** Where each team's rotation stands, per workspace, shared by every node. */
public interface Rotations {

  /** Returns the current position (0-based, below {@code size}) and moves the rotation on. */
  int next(String teamId, TenantId tenant, int size);
}
