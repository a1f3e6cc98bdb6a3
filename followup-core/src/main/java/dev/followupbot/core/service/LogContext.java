package dev.followupbot.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Tenant, case and reminder ids in the logging context (MDC) while some work runs, so every log
 * line it writes carries them (and JSON logs show them as fields). Closing it removes them.
 */
public final class LogContext implements AutoCloseable {

  private final List<String> keys = new ArrayList<>();

  private LogContext() {}

  public static LogContext with(String key, Object value) {
    return new LogContext().and(key, value);
  }

  /** Adds a value; an empty Optional or null adds nothing. */
  public LogContext and(String key, Object value) {
    Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
    if (v != null && MDC.get(key) == null) {
      MDC.put(key, v.toString());
      keys.add(key);
    }
    return this;
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
