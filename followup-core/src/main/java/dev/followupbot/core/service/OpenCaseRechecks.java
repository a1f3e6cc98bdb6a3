package dev.followupbot.core.service;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request for the next sweep to re-check every open case's timers: after a configuration change
 * too large to re-check while the admin waits for an answer.
 */
public final class OpenCaseRechecks {

  private final AtomicBoolean requested = new AtomicBoolean();

  void request() {
    requested.set(true);
  }

  /** True once per request. */
  boolean take() {
    return requested.getAndSet(false);
  }
}
